#!/usr/bin/python3
"""The school portal (examples/php/portal) end to end in headless Chromium.

Starts the portal with its launcher (run.sh) on a free loopback port with a fresh data directory, then,
as a user would: opens the pupil list, filters it to the referral candidates, opens P00001, switches to
Welsh, records an event the case allows and sees the state change, finds an event that is not possible
with its reason (and the server refuses it when forced), and saves a screenshot of the pupil page. Then
it submits malformed forms (a bad date, an unknown event, a script in the note, a missing token): each
gives a clear message, the script text is shown escaped and never runs, and the database is unchanged.
The server is stopped at the end, whatever happens.

    portal_test.py --run-sh examples/php/portal/run.sh --php /usr/bin/php --extension build/.../ssat.so
                   --chromium /usr/bin/chromium --chromedriver /usr/bin/chromedriver --out DIR
"""
import argparse
import contextlib
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

SCRIPT = "<script>window.__ssat_xss = 1; document.title = 'XSS';</script>"
CHECKS = []


def check(cond, what):
    CHECKS.append(what)
    if not cond:
        raise AssertionError(what)
    print(f"ok {len(CHECKS)} - {what}", flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(args, port, data_dir, log_path):
    env = dict(os.environ, SSAT_PORTAL_DATA=data_dir, SSAT_PHP_EXTENSION=args.extension, PHP=args.php)
    log = open(log_path, "wb")
    proc = subprocess.Popen(["bash", args.run_sh, str(port)], stdout=log, stderr=subprocess.STDOUT, env=env,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the portal exited with status {proc.returncode}:\n" + open(log_path).read())
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(base + "/style.css", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        time.sleep(0.2)
    raise RuntimeError("the portal did not answer within 30 s:\n" + open(log_path).read())


def stop_server(proc):
    if proc is None or proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)  # run.sh execs php; its own group holds nothing else
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def start_browser(args, profile):
    options = webdriver.ChromeOptions()
    options.binary_location = args.chromium
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
              "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--disable-extensions", "--disable-default-apps", "--metrics-recording-only",
              "--password-store=basic", "--hide-scrollbars", "--force-device-scale-factor=1",
              "--window-size=1366,1000", f"--user-data-dir={profile}", "--lang=en-GB"]:
        options.add_argument(a)
    options.add_experimental_option("prefs", {"intl.accept_languages": "en-GB,en"})
    env = dict(os.environ, LANG="en_GB.UTF-8", LANGUAGE="en_GB:en")  # dates shown day/month/year
    return webdriver.Chrome(service=Service(args.chromedriver, env=env), options=options)


def case_rows(data_dir):
    """Every stored case, {pupil_id: json}, straight from the portal's database."""
    db = os.path.join(data_dir, "portal.sqlite")
    if not os.path.exists(db):
        return {}
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "cases" not in tables:
            return {}
        return dict(con.execute("SELECT pupil_id, json FROM cases"))
    finally:
        con.close()


def wait(driver, cond, timeout=20):
    return WebDriverWait(driver, timeout).until(cond)


def text(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def run(args, base, data_dir, driver):
    # ---- the list --------------------------------------------------------------------------------------
    driver.get(base + "/")
    check("Pupils" in driver.title, "the list opens")
    check("of 1000 pupils" in driver.find_element(By.ID, "count").text, "the list counts the 1000 sample pupils")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#pupils svg.bar line.line85")) > 0,
          "each row has an attendance bar with the 85 % line")

    Select(driver.find_element(By.ID, "filter")).select_by_value("referral")
    driver.find_element(By.ID, "show").click()
    wait(driver, EC.url_contains("filter=referral"))
    ids = [r.get_attribute("data-pupil") for r in driver.find_elements(By.CSS_SELECTOR, "#pupils tbody tr")]
    check("P00001" in ids, "filtered to referral candidates: P00001 (85.0 %, 20 unauthorised) is listed")
    check("P00003" not in ids, "filtered to referral candidates: P00003 (not a candidate) is not listed")
    check(driver.find_element(By.ID, "count").text.startswith("254 of 1000"),
          "254 referral candidates, as `ssat evaluate` counts them")
    flags = driver.find_elements(By.CSS_SELECTOR, "#pupils tbody tr td:nth-child(8) .flag")
    check(flags and all(f.get_attribute("class") == "flag yes" for f in flags), "every row shown meets R1 and R2")

    # sorting by attendance puts the lowest first
    driver.find_element(By.LINK_TEXT, "Attendance").click()
    wait(driver, EC.url_contains("sort=attendance"))
    pcts = [float(td.text.split()[0]) for td in driver.find_elements(By.CSS_SELECTOR, "#pupils tbody tr td:nth-child(4)")]
    check(pcts == sorted(pcts) and pcts, "sorted by attendance, lowest first")
    driver.find_element(By.LINK_TEXT, "Pupil").click()  # sorted by pupil again, still filtered
    wait(driver, EC.url_contains("sort=id"))
    check("filter=referral" in driver.current_url, "sorting keeps the filter")

    # ---- a pupil ---------------------------------------------------------------------------------------
    wait(driver, EC.presence_of_element_located((By.LINK_TEXT, "P00001"))).click()
    wait(driver, EC.text_to_be_present_in_element((By.ID, "pupil-name"), "Ioan Lewis"))
    check(driver.find_element(By.ID, "attendance").text == "85.0 %", "P00001's page: 85.0 % attendance")
    check("Attendance from 1 August 2024 to 18 July 2025 was 323 of 380 sessions" in text(driver),
          "the referral criteria with their reasons, in English")

    driver.find_element(By.ID, "lang-switch").click()
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "cy")
    body = text(driver)
    check("wedi'i fodloni" in body, "switched to Welsh: \"wedi'i fodloni\" (met)")
    check("Rhwng 1 Awst 2024 a 18 Gorffennaf 2025, roedd presenoldeb yn 323 o 380 sesiwn" in body, "the reasons in Welsh")
    check("Nid oes ffurflen atgyfeirio yn y pecyn" in body, "the referral pack's problems in Welsh")
    driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "#certificate iframe"))
    check("Tystysgrif cofrestru presenoldeb" in text(driver), "the certificate (the library's HTML) in Welsh")
    check("323" in text(driver), "the certificate's totals")
    driver.switch_to.default_content()

    pupil_url = driver.current_url
    check(not driver.find_elements(By.ID, "case-missing"), "the case is shown (the extension has SsatCase)")

    # ---- the case: an allowed event --------------------------------------------------------------------
    before = case_rows(data_dir)
    state0 = driver.find_element(By.ID, "case-state").text
    form = driver.find_element(By.CSS_SELECTOR, "form.event[data-event='concern_raised']")
    form.find_element(By.NAME, "actor").send_keys("Mr D. Price")
    form.find_element(By.NAME, "role").send_keys("Pennaeth blwyddyn")
    form.find_element(By.NAME, "note").send_keys("Presenoldeb yn is na 90 % ers dechrau'r tymor.")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver, EC.presence_of_element_located((By.ID, "applied")))
    state1 = driver.find_element(By.ID, "case-state").text
    check(state1 != state0, f"recording concern_raised changes the state ({state0} -> {state1})")
    check("lang=cy" in driver.current_url, "after the redirect the page is still in Welsh")
    trail = driver.find_elements(By.CSS_SELECTOR, "#trail tbody tr")
    check(len(trail) == 1 and trail[0].get_attribute("data-event") == "concern_raised" and "Mr D. Price" in trail[0].text,
          "the trail shows the event with who did it")
    after = case_rows(data_dir)
    check("P00001" in after and after != before, "the case was stored (its JSON, in SQLite)")
    check('"concern_raised"' in after["P00001"], "the stored JSON holds the event")

    # ---- an impossible event: disabled, with the reason; forced, refused ------------------------------
    disabled = driver.find_elements(By.CSS_SELECTOR, "#impossible [data-event='referral_submitted'] button")
    check(disabled and not disabled[0].is_enabled(), "referral_submitted is shown disabled")
    reason = driver.find_element(By.CSS_SELECTOR, "#impossible [data-event='referral_submitted'] .reason").text
    check(len(reason) > 10, f"with its reason: {reason!r}")
    check(driver.find_elements(By.CSS_SELECTOR, "form.event[data-event='attendance_improved']"),
          "attendance_improved is possible now (a form)")
    stored = case_rows(data_dir)
    submit_forged(driver, {"event": "referral_submitted"})
    refusal = driver.find_elements(By.ID, "error")
    check(refusal, "forcing the disabled event: refused with a message")
    print("#   refusal: " + refusal[0].text.replace("\n", " | "), flush=True)
    check(reason in refusal[0].text, "the refusal gives the library's reason, as the page did")
    check(case_rows(data_dir) == stored, "the refused event stored nothing")

    # ---- the screenshot of the pupil page -------------------------------------------------------------
    driver.get(pupil_url)
    wait(driver, EC.presence_of_element_located((By.ID, "case-state")))
    driver.set_window_size(1366, 1800)  # the summary, the case and the first criteria
    time.sleep(0.3)
    shot = os.path.join(args.out, "portal_pupil.png")
    driver.save_screenshot(shot)
    check(os.path.getsize(shot) > 20000, f"screenshot of the pupil page: {shot}")
    driver.find_element(By.ID, "lang-switch").click()  # the same page in English, for the README
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    check("Concern raised" in driver.find_element(By.ID, "trail").text, "back in English: the trail's event named in English")
    time.sleep(0.3)
    driver.save_screenshot(os.path.join(args.out, "portal_pupil_en.png"))
    driver.set_window_size(1366, 1000)

    # ---- malformed submissions: a clear message, nothing stored ---------------------------------------
    cases = [
        ({"date": "2025-02-30"}, ["2025-02-30"], "a date that does not exist"),
        ({"date": "18/07/2025"}, ["18/07/2025"], "a date not in ISO form"),
        ({"date": "2024-09-01"}, ["2024-09-01"], "a date before the last event of the trail"),
        ({"event": "tea_party"}, ["tea_party"], "an unknown event"),
        ({"note": SCRIPT}, ["<script>"], "a script in the note"),
        ({"actor": ""}, [], "no actor"),
        ({"note": "x" * 2001}, [], "a note over 2000 characters"),
        ({"csrf": "forged"}, [], "a forged form token"),
    ]
    for fields, shown, what in cases:
        stored = case_rows(data_dir)
        driver.get(pupil_url)
        wait(driver, EC.presence_of_element_located((By.ID, "case-state")))
        submit_forged(driver, fields)
        errors = driver.find_elements(By.ID, "error")
        check(errors and errors[0].text.strip(), f"{what}: a clear message: {errors[0].text.strip()!r}" if errors
              else f"{what}: a clear message")
        page = driver.page_source
        check("Fatal error" not in page and "Warning:" not in page and "Stack trace" not in page,
              f"{what}: no PHP error page")
        for s in shown:
            check(s in text(driver), f"{what}: the page shows what was submitted ({s})")
        check(case_rows(data_dir) == stored, f"{what}: nothing stored")
        if fields.get("note") == SCRIPT:
            check(driver.execute_script("return window.__ssat_xss === undefined") and driver.title != "XSS",
                  "the script in the note did not run")
            check("&lt;script&gt;" in page, "the script text is escaped in the page")

    # A GET of the form handler and a POST without a session: clear messages too.
    for method, what in (("GET", "apply.php by GET"), ("POST", "apply.php without a session")):
        data = urllib.parse.urlencode({"pupil": "P00001", "event": "concern_raised"}).encode() if method == "POST" else None
        try:
            with urllib.request.urlopen(urllib.request.Request(base + "/apply.php", data=data, method=method)) as r:
                status, body = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read().decode()
        check(status in (403, 405) and 'id="error"' in body, f"{what}: {status} with a clear message")


def submit_forged(driver, fields, event="attendance_improved"):
    """Submit the event form of the page for `event`, filled in as a user would (who, role), with some
    fields replaced or, for None, removed; the browser's own checks are turned off first."""
    driver.execute_script(
        """
        const [event, fields] = arguments;
        const form = document.querySelector('form.event[data-event="' + event + '"]');
        form.noValidate = true;
        form.querySelector('[name="actor"]').value = 'Mr D. Price';
        form.querySelector('[name="role"]').value = 'Head of year';
        for (const [name, value] of Object.entries(fields)) {
          let input = form.querySelector('[name="' + name + '"]');
          if (value === null) { if (input) input.remove(); continue; }
          if (!input) { input = document.createElement('input'); input.name = name; form.appendChild(input); }
          if (input.tagName === 'INPUT') { input.type = 'text'; input.removeAttribute('pattern'); }
          input.removeAttribute('required'); input.removeAttribute('maxlength');
          input.value = value;
        }
        form.submit();
        """, event, fields)
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete"
         and d.find_elements(By.CSS_SELECTOR, "#error, #applied"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--run-sh", required=True)
    ap.add_argument("--php", default="php")
    ap.add_argument("--extension", required=True)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    ap.add_argument("--out", required=True, help="directory for the screenshot and the server log")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    work = tempfile.mkdtemp(prefix="ssat-portal-test-")
    data_dir, profile = os.path.join(work, "data"), os.path.join(work, "chromium")
    server = driver = None
    log_path = os.path.join(args.out, "portal_server.log")
    try:
        port = free_port()
        server, base = start_server(args, port, data_dir, log_path)
        print(f"# portal on {base}, data in {data_dir}", flush=True)
        driver = start_browser(args, profile)
        try:
            run(args, base, data_dir, driver)
        except (AssertionError, TimeoutException, NoSuchElementException):
            with contextlib.suppress(Exception):
                driver.save_screenshot(os.path.join(args.out, "portal_failure.png"))
                with open(os.path.join(args.out, "portal_failure.html"), "w") as f:
                    f.write(driver.page_source)
            raise
    finally:
        if driver is not None:
            with contextlib.suppress(Exception):
                driver.quit()
        stop_server(server)
        shutil.rmtree(work, ignore_errors=True)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        check(s.connect_ex(("127.0.0.1", port)) != 0, "the server was stopped (nothing listens on its port)")
    log = open(log_path, errors="replace").read()
    check("PHP Fatal" not in log and "PHP Warning" not in log and "Uncaught" not in log,
          "the server logged no PHP error")
    print(f"# {len(CHECKS)} checks passed", flush=True)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"not ok - {e}", file=sys.stderr, flush=True)
        sys.exit(1)
