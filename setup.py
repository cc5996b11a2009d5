"""Builds the Python package ssat: the Python layer (bindings/python/ssat) and the SWIG extension
ssat._native (bindings/ssat.i). Configuration is in pyproject.toml; this file holds what cannot be
declared there: the version, read from include/ssat/version.h, and the extension's build.

Which libssat the extension links:
  - the installed libssat-dev (pkg-config libssat), when present: the extension links libssat.so;
  - otherwise the library in this tree, built by CMake as libssat.a (needs cmake, pkg-config and
    libjansson-dev) and linked in, its symbols kept private to the extension.
SSAT_LIBSSAT=system or SSAT_LIBSSAT=tree forces one.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def read_version():
    text = (ROOT / "include" / "ssat" / "version.h").read_text(encoding="utf-8")
    parts = []
    for part in ("MAJOR", "MINOR", "PATCH"):
        match = re.search(rf"^#define SSAT_VERSION_{part} +(\d+)", text, re.M)
        if not match:
            raise RuntimeError(f"cannot read SSAT_VERSION_{part} from include/ssat/version.h")
        parts.append(match.group(1))
    return ".".join(parts)


def pkg_config(*args):
    result = subprocess.run(["pkg-config", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return None
    return shlex.split(result.stdout)


def use_installed_libssat():
    choice = os.environ.get("SSAT_LIBSSAT", "auto")
    if choice not in ("auto", "system", "tree"):
        raise RuntimeError(f"SSAT_LIBSSAT={choice}: expected system, tree or auto")
    if choice == "tree":
        return False
    found = shutil.which("pkg-config") is not None and pkg_config("--exists", "libssat") is not None
    if choice == "system" and not found:
        raise RuntimeError("SSAT_LIBSSAT=system, but pkg-config finds no libssat (install libssat-dev)")
    return found


class BuildSsatExtension(build_ext):
    """Runs SWIG on bindings/ssat.i, then compiles the wrapper against the chosen libssat."""

    def build_extension(self, ext):
        build_temp = Path(self.build_temp).resolve()
        build_temp.mkdir(parents=True, exist_ok=True)
        if use_installed_libssat():
            include_dir = pkg_config("--variable=includedir", "libssat")[0]
            ext.extra_compile_args += pkg_config("--cflags", "libssat")
            ext.extra_link_args += pkg_config("--libs", "libssat")
            print(f"ssat: linking the installed libssat ({include_dir})")
        else:
            include_dir = str(ROOT / "include")
            ext.extra_link_args += [str(self.build_tree_library(build_temp)), "-Wl,--exclude-libs,ALL"]
            ext.extra_link_args += pkg_config("--libs", "jansson") or ["-ljansson"]
            ext.extra_link_args += ["-pthread"]
            print("ssat: linking libssat.a built from this tree")
        ext.include_dirs.append(include_dir)
        package_dir = Path(self.get_ext_fullpath(ext.name)).resolve().parent
        package_dir.mkdir(parents=True, exist_ok=True)
        wrapper = build_temp / "ssatPYTHON_wrap.c"
        # As bindings/python/CMakeLists.txt runs it: module ssat.native over the C module ssat._native.
        self.spawn(["swig", "-python", f"-I{include_dir}", f"-I{ROOT / 'bindings'}", "-Werror", "-outdir", str(package_dir),
                    "-module", "native", "-interface", "_native", "-o", str(wrapper),
                    str(ROOT / "bindings" / "ssat.i")])
        # As bindings/python/CMakeLists.txt does: the enums, generated from the headers.
        self.spawn([sys.executable, str(ROOT / "bindings" / "python" / "gen_enums.py"), include_dir,
                    str(ROOT / "bindings" / "python" / "ssat" / "_enum_methods.py"), str(package_dir / "_enums.py")])
        ext.sources = [str(wrapper)]
        super().build_extension(ext)

    def build_tree_library(self, build_temp):
        cmake_dir = build_temp / "libssat"
        self.spawn(["cmake", "-S", str(ROOT), "-B", str(cmake_dir), "-DCMAKE_BUILD_TYPE=Release",
                    "-DSSAT_BUILD_TESTS=OFF", "-DSSAT_BUILD_EXAMPLES=OFF", "-DSSAT_BUILD_DOCS=OFF",
                    "-DSSAT_BUILD_BENCH=OFF", "-DSSAT_BUILD_TOOLS=OFF", "-DSSAT_BUILD_PYTHON=OFF",
                    "-DSSAT_BUILD_PHP=OFF"])
        jobs = str(self.parallel or os.cpu_count() or 1)
        self.spawn(["cmake", "--build", str(cmake_dir), "--target", "ssat_static", "--parallel", jobs])
        return cmake_dir / "lib" / "libssat.a"


setup(
    version=read_version(),
    packages=["ssat"],
    package_dir={"ssat": "bindings/python/ssat"},
    package_data={"ssat": ["py.typed"]},  # PEP 561: the layer is annotated (CMake builds also ship .pyi stubs)
    ext_modules=[Extension("ssat._native", sources=["bindings/ssat.i"])],
    cmdclass={"build_ext": BuildSsatExtension},
    zip_safe=False,
)
