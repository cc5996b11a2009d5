/*
 * bindings/python/python.i: what only the Python module has, %included at the end of bindings/ssat.i.
 */

/* ---- module initialisation ----------------------------------------------------------------------- */
%{
/* SWIG 4.1 never frees its "globals" varlink object (its tp_dealloc does not free the object;
 * swig/swig#1985, #2037), so valgrind reports it as definitely lost at exit. Holding a reference here
 * keeps it reachable, with any SWIG version. */
static PyObject *ssatb_swig_globals;
%}
%init %{
    ssatb_swig_globals = SWIG_globals();
    Py_XINCREF(ssatb_swig_globals);
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == NULL || ssatb_py_init_errors(m) != 0)
        return NULL;
%}

/* ================================================================================================
 * Python: ownership is fixed when an object is made (docs/bindings.md). SWIG's proxies let `thisown`
 * be set: set on an object borrowed from its parent (a school's register), Python would free the
 * parent's C object when the proxy dies, and again with the parent. Made read-only for every class.
 * ================================================================================================ */
%pythoncode %{
def _ssat_read_only_thisown():
    for _cls in list(globals().values()):
        if isinstance(_cls, type) and isinstance(_cls.__dict__.get("thisown"), property):
            _cls.thisown = property(lambda x: x.this.own(), doc="Whether Python frees the C object (read-only)")


_ssat_read_only_thisown()
del _ssat_read_only_thisown
%}
