#!/usr/bin/python3
"""The school portal (examples/php/portal) end to end in headless Chromium.

Starts the portal with its launcher (run.sh) on a free loopback port with a fresh data directory (the
first run imports two schools and prints the demo accounts, which the test reads from its output), then,
as its users would:
- signs in (a wrong password first; repeated failures are throttled), with the session cookie HttpOnly
  and SameSite=Strict and the security headers on every page;
- as school staff: the pupil list (filter, sort), a pupil page in English and Welsh, an event recorded
  under the signed-in user's name (a typed name is ignored), an impossible event disabled with the
  library's reason and refused when forced; another school's pupil (403) and an SSAT-only event (403);
- the referral hand-off with two users: the school submits, the SSAT returns it with reasons, the school
  sees them and resubmits, the SSAT accepts, the school sees the outcome;
- a document attached to a pack item (PDF, type by content; a fake refused), downloaded by an allowed
  user and refused to a user of another school;
- the administrator's access log showing those views and refusals, in Welsh, and its CSV export with
  formulas neutralised;
- the malformed submissions of before (bad dates, unknown event, script in the note, forged token, a
  body over the limit): each a clear message, nothing stored, no script run;
- many first requests at once on a fresh data directory: no error.
The server is stopped at the end, whatever happens.

    portal_test.py --run-sh examples/php/portal/run.sh --php /usr/bin/php --extension build/.../ssat.so
                   --chromium /usr/bin/chromium --chromedriver /usr/bin/chromedriver --out DIR
"""
import argparse
import concurrent.futures
import csv
import io
import re
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
from selenium.common.exceptions import (NoSuchElementException, StaleElementReferenceException, TimeoutException,
                                        WebDriverException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

FORMULA = '=HYPERLINK("http://example.invalid","x")'
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


def start_server(args, port, data_dir, log_path, demo=True):
    env = dict(os.environ, SSAT_PORTAL_DATA=data_dir, SSAT_PHP_EXTENSION=args.extension, PHP=args.php,
               SSAT_PORTAL_DEMO="1" if demo else "0")
    log = open(log_path, "wb")
    proc = subprocess.Popen(["bash", args.run_sh, str(port)], stdout=log, stderr=subprocess.STDOUT, env=env,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the portal exited with status {proc.returncode}:\n" + open(log_path).read())
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(base + "/style.css", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        time.sleep(0.2)
    raise RuntimeError("the portal did not answer within 60 s:\n" + open(log_path).read())


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


def gone(element):
    """A wait condition: `element` has left the document (the page was replaced).

    Selenium's own staleness_of only knows StaleElementReferenceException; while Chrome tears the old
    page down it may instead answer "Node with given id does not belong to the document", which means
    the same thing and must not fail the test."""
    def detached(_driver):
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as e:
            if "does not belong to the document" in str(e):
                return True
            raise
    return detached


def text(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def accounts(log_path):
    """The demo accounts run.sh printed on its first run: {username: password}."""
    found = dict(re.findall(r"demo: account (\S+)\s+password (\S+)", open(log_path, errors="replace").read()))
    check(set(found) >= {"staff-a", "staff-b", "ssat", "admin"}, "run.sh created and printed the four demo accounts")
    return found


def http(base, path, cookie=None, data=None, method=None, headers=None):
    """A request outside the browser (status codes, downloads): (status, headers, body bytes)."""
    h = dict(headers or {})
    if cookie:
        h["Cookie"] = f"ssat_portal={cookie}"
    body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
    req = urllib.request.Request(base + path, data=body, method=method, headers=h)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def cookie(driver):
    c = driver.get_cookie("ssat_portal")
    return c["value"] if c else None


def sign_in(driver, base, user, password, lang="en"):
    driver.get(base + "/login.php" + ("?lang=cy" if lang == "cy" else ""))
    wait(driver, EC.presence_of_element_located((By.ID, "username"))).send_keys(user)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "signin-submit").click()
    wait(driver, EC.presence_of_element_located((By.ID, "signout")))


def sign_out(driver):
    driver.find_element(By.ID, "signout").click()
    wait(driver, EC.presence_of_element_located((By.ID, "signin")))
    check(cookie(driver) is None or not driver.find_elements(By.ID, "signout"), "signed out")


def open_pupil(driver, base, pupil, lang="en"):
    driver.get(base + "/pupil.php?pupil=" + pupil + ("&lang=cy" if lang == "cy" else ""))
    wait(driver, EC.presence_of_element_located((By.ID, "case-state")))


def record(driver, event, **fields):
    """Fill in and submit the event form for `event` on the pupil page; wait for the page after it."""
    form = wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, f"form.event[data-event='{event}']")))
    for name, value in fields.items():
        el = form.find_element(By.NAME, name)
        if el.tag_name == "select":
            Select(el).select_by_value(value)
        else:
            el.clear()
            el.send_keys(value)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver, gone(form))  # the page before may have had #applied too
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete"
         and d.find_elements(By.CSS_SELECTOR, "#error, #applied"))


def state(driver):
    return driver.find_element(By.ID, "case-state").get_attribute("data-state")


def run(args, base, data_dir, driver, log_path):
    pw = accounts(log_path)

    # ---- sign-in -------------------------------------------------------------------------------------
    driver.get(base + "/")
    wait(driver, EC.presence_of_element_located((By.ID, "signin")))
    check("login.php" in driver.current_url, "without a session every page leads to the sign-in page")
    status, _, _ = http(base, "/pupil.php?pupil=P00001")
    check(status == 303, "a pupil page without a session: redirected to sign in (303), nothing shown")
    driver.get(base + "/login.php?lang=cy")
    driver.find_element(By.ID, "username").send_keys("staff-a")
    driver.find_element(By.ID, "password").send_keys("not the password")
    driver.find_element(By.ID, "signin-submit").click()
    err = wait(driver, EC.presence_of_element_located((By.ID, "signin-error")))
    check("anghywir" in err.text and not driver.find_elements(By.ID, "signout"),
          f"a wrong password is refused, in Welsh: {err.text!r}")
    for _ in range(5):
        status, _, _ = http(base, "/login.php", data={"username": "staff-b", "password": "wrong wrong wrong"})
    status, _, body = http(base, "/login.php", data={"username": "staff-b", "password": pw["staff-b"]})
    check(status == 429 and b"Too many" in body, "after 5 failures even the right password is throttled (429)")
    status, _, _ = http(base, "/login.php", data={"username": FORMULA, "password": "x"})
    check(status == 401, "a user name that looks like a spreadsheet formula: refused like any other")

    sign_in(driver, base, "staff-a", pw["staff-a"])
    c = driver.get_cookie("ssat_portal")
    check(c["httpOnly"] and c.get("sameSite") == "Strict", "the session cookie is HttpOnly and SameSite=Strict")
    check("Dafydd Price" in driver.find_element(By.ID, "who").text, "signed in as the school's member of staff")
    status, headers, _ = http(base, "/index.php", cookie(driver))
    csp = headers.get("Content-Security-Policy", "")
    check(status == 200 and "frame-ancestors" in csp and "script-src" not in csp.replace("default-src 'self'", "")
          and headers.get("X-Content-Type-Options") == "nosniff" and headers.get("Cache-Control") == "no-store"
          and headers.get("Referrer-Policy") == "same-origin",
          "security headers: CSP (no inline script, frame-ancestors), nosniff, no-store, Referrer-Policy")
    timing = re.search(r"app;dur=([0-9.]+)", headers.get("Server-Timing", ""))
    check(timing is not None, f"the list reports its server time: {timing.group(1) if timing else '?'} ms")

    # ---- the list ------------------------------------------------------------------------------------
    driver.get(base + "/")
    check("of 1000 pupils" in driver.find_element(By.ID, "count").text, "the list counts the school's 1000 pupils")
    check(not driver.find_elements(By.CSS_SELECTOR, "#pupils tr[data-pupil^='W']"), "no pupil of the other school")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#pupils svg.bar line.line85")) > 0,
          "each row has an attendance bar with the 85 % line")
    Select(driver.find_element(By.ID, "filter")).select_by_value("referral")
    driver.find_element(By.ID, "show").click()
    wait(driver, EC.url_contains("filter=referral"))
    ids = [r.get_attribute("data-pupil") for r in driver.find_elements(By.CSS_SELECTOR, "#pupils tbody tr")]
    check("P00001" in ids and "P00003" not in ids, "filtered to referral candidates: P00001 listed, P00003 not")
    check(driver.find_element(By.ID, "count").text.startswith("254 of 1000"),
          "254 referral candidates, as `ssat evaluate` counts them")
    driver.find_element(By.LINK_TEXT, "Attendance").click()
    wait(driver, EC.url_contains("sort=attendance"))
    pcts = [float(td.text.split()[0]) for td in driver.find_elements(By.CSS_SELECTOR, "#pupils tbody tr td:nth-child(4)")]
    check(pcts == sorted(pcts) and pcts, "sorted by attendance, lowest first")
    count = driver.find_element(By.ID, "count")
    driver.find_element(By.ID, "q").send_keys("Ioan Lewis")
    driver.find_element(By.ID, "show").click()
    wait(driver, gone(count))
    rows = wait(driver, EC.presence_of_all_elements_located((By.CSS_SELECTOR, "#pupils tbody tr")))
    check("Ioan" not in driver.current_url and "P00001" in [r.get_attribute("data-pupil") for r in rows]
          and all("Ioan Lewis" in r.text for r in rows), "a search by name finds P00001 (and only Ioan Lewis); the name is not in the URL")

    # ---- a pupil -------------------------------------------------------------------------------------
    open_pupil(driver, base, "P00001")
    check(driver.find_element(By.ID, "attendance").text == "85.0 %", "P00001's page: 85.0 % attendance")
    check("Attendance from 1 August 2024 to 18 July 2025 was 323 of 380 sessions" in text(driver),
          "the referral criteria with their reasons, in English")
    check(driver.find_elements(By.ID, "pack-complete"), "P00001's pack is complete (the library's check)")
    open_pupil(driver, base, "P00002", "cy")
    body = text(driver)
    check("wedi'i fodloni" in body, "P00002 in Welsh: \"wedi'i fodloni\" (met)")
    check("Rhwng 1 Awst 2024 a 18 Gorffennaf 2025, roedd presenoldeb yn" in body, "the reasons in Welsh, dates in words")
    check("Nid oes ffurflen atgyfeirio yn y pecyn" in body, "the referral pack's problems in Welsh")
    driver.switch_to.frame(driver.find_element(By.CSS_SELECTOR, "#certificate iframe"))
    check("Tystysgrif cofrestru presenoldeb" in text(driver), "the certificate (the library's HTML) in Welsh")
    driver.switch_to.default_content()

    # an event, recorded under the signed-in user's name; a typed name is ignored
    open_pupil(driver, base, "P00001", "cy")
    before = case_rows(data_dir)
    check(not driver.find_elements(By.CSS_SELECTOR, "form.event input[name='actor']"), "the forms do not ask who did it")
    check(not driver.find_elements(By.CSS_SELECTOR, "form.event[data-event='referral_accepted']"),
          "school staff get no form for an SSAT event")
    submit_forged(driver, {"actor": "Someone Else", "note": "Presenoldeb yn is na 90 % ers dechrau'r tymor."},
                  event="concern_raised")
    wait(driver, EC.presence_of_element_located((By.ID, "applied")))
    check(state(driver) == "school_concern", "concern_raised recorded: the case is in school concern")
    check("lang=cy" in driver.current_url and "pryder" in driver.find_element(By.ID, "case-state").text,
          "after the redirect the page is still in Welsh")
    trail = driver.find_elements(By.CSS_SELECTOR, "#trail tbody tr")
    check(len(trail) == 1 and "Dafydd Price" in trail[0].text and "Someone Else" not in trail[0].text,
          "the trail names the signed-in user, not the typed name")
    after = case_rows(data_dir)
    check("P00001" in after and after != before and '"Dafydd Price"' in after["P00001"], "the case was stored (its JSON)")

    disabled = driver.find_elements(By.CSS_SELECTOR, "#impossible [data-event='referral_submitted'] button")
    check(disabled and not disabled[0].is_enabled(), "referral_submitted is shown disabled")
    reason = driver.find_element(By.CSS_SELECTOR, "#impossible [data-event='referral_submitted'] .reason").text
    stored = case_rows(data_dir)
    submit_forged(driver, {"event": "referral_submitted"})
    refusal = driver.find_elements(By.ID, "error")
    check(refusal and reason in refusal[0].text, f"forcing it: refused with the library's reason: {reason!r}")
    check(case_rows(data_dir) == stored, "the refused event stored nothing")

    # due and overdue work: a support plan started in May is due for review (the library's list)
    open_pupil(driver, base, "P00002")
    record(driver, "concern_raised", date="2025-05-01")
    record(driver, "plan_started", date="2025-05-01", detail="psp")
    driver.get(base + "/work.php?lang=cy")
    due = wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "#work tr[data-pupil='P00002']")))
    check(due.get_attribute("data-due") == "case.due.plan_review" and "overdue" in due.get_attribute("class")
          and "yn hwyr" in due.text, f"the due and overdue page lists P00002's plan review, overdue, in Welsh: {due.text!r}")

    # ---- what a member of school staff may not do ----------------------------------------------------
    status, _, body = http(base, "/pupil.php?pupil=W00001", cookie(driver))
    check(status == 403 and b"W00001" not in body.split(b"<main>")[-1], "another school's pupil: 403, nothing of them shown")
    driver.get(base + "/pupil.php?pupil=W00001")
    check(driver.find_elements(By.ID, "error"), "... and the browser shows the refusal")
    status, _, _ = http(base, "/certificate.php?pupil=W00002", cookie(driver))
    check(status == 403, "another school's certificate: 403")
    open_pupil(driver, base, "P00001")
    stored = case_rows(data_dir)
    token = driver.find_element(By.NAME, "csrf").get_attribute("value")
    for event in ("referral_accepted", "notice_issued"):
        status, _, _ = http(base, "/apply.php", cookie(driver), {"csrf": token, "pupil": "P00001", "event": event,
                                                                "date": "2025-07-18", "version": "1", "parent": "M1"})
        check(status == 403, f"school staff cannot record the SSAT's {event}: 403")
    check(case_rows(data_dir) == stored, "the refused SSAT events stored nothing")
    for page in ("/queue.php", "/log.php", "/users.php"):
        status, _, _ = http(base, page, cookie(driver))
        check(status == 403, f"school staff cannot open {page}: 403")

    # ---- the screenshot of the pupil page ------------------------------------------------------------
    driver.set_window_size(1366, 1800)
    open_pupil(driver, base, "P00001")
    shot = os.path.join(args.out, "portal_pupil_en.png")
    driver.save_screenshot(shot)
    check(os.path.getsize(shot) > 20000, f"screenshot of the pupil page: {shot}")
    open_pupil(driver, base, "P00001", "cy")
    driver.save_screenshot(os.path.join(args.out, "portal_pupil.png"))
    driver.set_window_size(1366, 1000)

    # ---- malformed submissions: a clear message, nothing stored --------------------------------------
    for fields, shown, what in [
        ({"date": "2025-02-30"}, ["2025-02-30"], "a date that does not exist"),
        ({"date": "18/07/2025"}, ["18/07/2025"], "a date not in ISO form"),
        ({"date": "2024-09-01"}, ["2024-09-01"], "a date before the last event of the trail"),
        ({"event": "tea_party"}, ["tea_party"], "an unknown event"),
        ({"note": SCRIPT}, ["<script>"], "a script in the note"),
        ({"note": "x" * 2001}, [], "a note over 2000 characters"),
        ({"csrf": "forged"}, [], "a forged form token"),
    ]:
        stored = case_rows(data_dir)
        open_pupil(driver, base, "P00001")
        submit_forged(driver, fields)
        errors = driver.find_elements(By.ID, "error")
        check(errors and errors[0].text.strip(), f"{what}: a clear message: {errors[0].text.strip()!r}" if errors
              else f"{what}: a clear message")
        page = driver.page_source
        check("Fatal error" not in page and "Warning:" not in page and "Stack trace" not in page, f"{what}: no PHP error page")
        for s in shown:
            check(s in text(driver), f"{what}: the page shows what was submitted ({s})")
        check(case_rows(data_dir) == stored, f"{what}: nothing stored")
        if fields.get("note") == SCRIPT:
            check(driver.execute_script("return window.__ssat_xss === undefined") and driver.title != "XSS",
                  "the script in the note did not run")
            check("&lt;script&gt;" in page, "the script text is escaped in the page")
    status, _, body = http(base, "/apply.php")
    check(status == 405 and b'id="error"' in body, "apply.php by GET: 405 with a clear message")
    status, _, body = http(base, "/apply.php", data={"pupil": "P00001", "event": "concern_raised"})
    check(status == 401 and b'id="error"' in body, "apply.php without a session: 401 with a clear message")
    status, _, _ = http(base, "/apply.php", cookie(driver), b"x=" + b"y" * 100000,
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(status == 413, "a request body over 64 KB: 413")

    # ---- a document: attached, downloaded by an allowed user -----------------------------------------
    pdf = os.path.join(args.out, "letter.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                b"trailer<</Root 1 0 R>>\n%%EOF\n")
    fake = os.path.join(args.out, "not-a-letter.pdf")
    with open(fake, "wb") as f:
        f.write(b"#!/bin/sh\necho this is not a PDF\n")
    open_pupil(driver, base, "P00001")
    Select(driver.find_element(By.ID, "upload-item")).select_by_value("letter[0]")
    driver.find_element(By.ID, "upload-file").send_keys(fake)
    driver.find_element(By.ID, "upload-submit").click()
    err = wait(driver, EC.presence_of_element_located((By.ID, "error")))
    check("not a PDF" in err.text, f"a file named .pdf that is not one: refused by its content: {err.text!r}")
    open_pupil(driver, base, "P00001")
    Select(driver.find_element(By.ID, "upload-item")).select_by_value("letter[0]")
    driver.find_element(By.ID, "upload-file").send_keys(pdf)
    driver.find_element(By.ID, "upload-submit").click()
    wait(driver, EC.presence_of_element_located((By.ID, "uploaded")))
    link = driver.find_element(By.CSS_SELECTOR, "#documents a.document")
    doc_path = "/" + link.get_attribute("href").split("/", 3)[3]
    check(link.text == "letter.pdf" and "letter[0]" in driver.find_element(By.ID, "documents").text,
          "the PDF is attached to letter[0] and listed")
    stored_docs = os.listdir(os.path.join(data_dir, "documents"))
    check(len(stored_docs) == 1 and not os.path.exists(os.path.join(os.path.dirname(args.run_sh), "public", stored_docs[0])),
          "stored outside the web root, under a random name")
    status, headers, body = http(base, doc_path, cookie(driver))
    check(status == 200 and body == open(pdf, "rb").read() and headers.get("Content-Type") == "application/pdf"
          and headers.get("Content-Disposition", "").startswith("attachment"), "school staff download it: the same bytes")
    sign_out(driver)

    # ---- the other school's staff: refused -----------------------------------------------------------
    status, _, _ = http(base, "/login.php", data={"username": "staff-b", "password": pw["staff-b"]})
    check(status == 429, "staff-b is still throttled (the window is a quarter of an hour)")
    reset = subprocess.run([*php_command(args), os.path.join(os.path.dirname(args.run_sh), "bin", "users.php"),
                            "reset", "staff-b"], input=pw["staff-b"] + "X\n", capture_output=True, text=True,
                           env=dict(os.environ, SSAT_PORTAL_DATA=data_dir))
    check(reset.returncode == 0 and "reset" in reset.stdout,
          f"bin/users.php resets staff-b's password (and lifts the throttle): {reset.stdout.strip()}")
    sign_in(driver, base, "staff-b", pw["staff-b"] + "X")
    check("of 500 pupils" in driver.find_element(By.ID, "count").text, "staff-b sees the second school's 500 pupils")
    driver.get(base + "/work.php")
    check(not driver.find_elements(By.CSS_SELECTOR, "#work tr[data-pupil='P00002']"), "... and none of the first school's work")
    status, _, _ = http(base, doc_path, cookie(driver))
    check(status == 403, "staff of another school cannot download the document: 403")
    status, _, _ = http(base, "/pupil.php?pupil=P00001", cookie(driver))
    check(status == 403, "... nor open its pupil: 403")
    sign_out(driver)

    # ---- the referral hand-off -----------------------------------------------------------------------
    sign_in(driver, base, "ssat", pw["ssat"])
    check(driver.find_elements(By.ID, "queue-empty"), "the SSAT's queue is empty before any referral")
    status, _, _ = http(base, "/pupil.php?pupil=P00001", cookie(driver))
    check(status == 403, "the SSAT cannot open a pupil who was never referred: 403")
    sign_out(driver)

    sign_in(driver, base, "staff-a", pw["staff-a"])
    open_pupil(driver, base, "P00001")
    record(driver, "letter_sent", detail="meeting_invitation")
    check(state(driver) == "engagement", "a letter sent: engagement")
    record(driver, "referral_submitted")
    check(state(driver) == "referred", "the school submits the referral (the library's guards allow it)")
    sign_out(driver)

    sign_in(driver, base, "ssat", pw["ssat"], "cy")
    check("queue.php" in driver.current_url and "Ciw atgyfeirio" in text(driver), "the SSAT's queue, in Welsh")
    item = driver.find_element(By.CSS_SELECTOR, "article.referral[data-pupil='P00001']")
    check("Ysgol Gyfun Enghraifft" in item.text and item.find_element(By.CSS_SELECTOR, ".pack-check")
          .get_attribute("data-problems") == "0", "P00001 is in the queue with its school and the pack's check (complete)")
    check(item.find_elements(By.CSS_SELECTOR, "a.certificate-link"), "... and its certificate")
    reasons = "=Nid oes cofnod o'r cyfarfod diwethaf gyda'r rhiant"
    form = item.find_element(By.CSS_SELECTOR, "form[data-event='referral_returned']")
    form.find_element(By.NAME, "detail").send_keys(reasons)
    form.find_element(By.CSS_SELECTOR, "button").click()
    wait(driver, EC.presence_of_element_located((By.ID, "applied")))
    check(driver.find_elements(By.ID, "queue-empty") and driver.find_elements(By.CSS_SELECTOR, "#decided tr[data-state='returned']"),
          "the SSAT returns it with reasons: out of the queue, listed as returned")
    sign_out(driver)

    sign_in(driver, base, "staff-a", pw["staff-a"], "cy")
    open_pupil(driver, base, "P00001", "cy")
    outcome = driver.find_element(By.ID, "referral-outcome")
    check(outcome.get_attribute("data-outcome") == "returned" and reasons in outcome.text and "Dychwelodd" in outcome.text,
          "the school sees the return and the SSAT's reasons, in Welsh")
    check(state(driver) == "returned" and driver.find_elements(By.CSS_SELECTOR, "form.event[data-event='referral_submitted']"),
          "the case is returned and can be resubmitted")
    record(driver, "meeting_held", detail="attended")
    record(driver, "referral_submitted")
    check(state(driver) == "referred", "the school resubmits")
    sign_out(driver)

    sign_in(driver, base, "ssat", pw["ssat"])
    item = driver.find_element(By.CSS_SELECTOR, "article.referral[data-pupil='P00001']")
    item.find_element(By.CSS_SELECTOR, "form[data-event='referral_accepted'] button").click()
    wait(driver, EC.presence_of_element_located((By.ID, "applied")))
    check(driver.find_elements(By.CSS_SELECTOR, "#decided tr[data-state='accepted']"), "the SSAT accepts it")
    open_pupil(driver, base, "P00001")
    check(driver.find_elements(By.CSS_SELECTOR, "form.event[data-event='few_contact']"),
          "the SSAT's next step on the pupil page: the Family Engagement Worker's contact")
    status, _, body = http(base, doc_path, cookie(driver))
    check(status == 200, "the SSAT may download the referred pupil's document")
    sign_out(driver)

    sign_in(driver, base, "staff-a", pw["staff-a"])
    open_pupil(driver, base, "P00001")
    check(driver.find_element(By.ID, "referral-outcome").get_attribute("data-outcome") == "accepted"
          and state(driver) == "accepted", "the school sees the acceptance")
    trail = [r.get_attribute("data-event") for r in driver.find_elements(By.CSS_SELECTOR, "#trail tbody tr")]
    check(trail == ["concern_raised", "letter_sent", "referral_submitted", "referral_returned", "meeting_held",
                    "referral_submitted", "referral_accepted"], f"the whole hand-off on the trail: {trail}")
    check("Rhian Evans" in driver.find_element(By.ID, "trail").text, "the SSAT officer's decisions under their name")
    sign_out(driver)

    # ---- the access log ------------------------------------------------------------------------------
    sign_in(driver, base, "admin", pw["admin"], "cy")
    check("log.php" in driver.current_url and "Cofnod mynediad" in text(driver), "the administrator's access log, in Welsh")
    rows = driver.find_elements(By.CSS_SELECTOR, "#log tbody tr")
    entries = [(r.get_attribute("data-action"), r.get_attribute("data-user"), r.get_attribute("data-pupil"),
                r.get_attribute("data-outcome")) for r in rows]
    for entry, what in [
        (("view.document", "staff-a", "P00001", "allowed"), "staff-a's download"),
        (("view.document", "staff-b", "P00001", "denied"), "staff-b's refused download"),
        (("view.document", "ssat", "P00001", "allowed"), "the SSAT's download"),
        (("view.pupil", "staff-a", "P00001", "allowed"), "staff-a's views of P00001"),
        (("view.pupil", "staff-a", "W00001", "denied"), "staff-a's refused view of another school's pupil"),
        (("case.event", "staff-a", "P00001", "denied"), "the refused SSAT event"),
        (("document.upload", "staff-a", "P00001", "allowed"), "the upload"),
        (("signin.failed", "staff-a", "", "denied"), "the wrong password"),
    ]:
        check(entry in entries, f"the log shows {what}")
    check("gwrthodwyd" in driver.find_element(By.ID, "log").text, "outcomes in Welsh (gwrthodwyd: denied)")
    status, headers, body = http(base, "/log.php?export=csv", cookie(driver))
    exported = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    check(status == 200 and headers.get("Content-Type", "").startswith("text/csv") and exported[0][:3] == ["id", "at", "username"],
          f"the log exports as CSV ({len(exported) - 1} entries)")
    check(["signin.failed", "'" + FORMULA] in [[r[4], r[2]] for r in exported[1:]],
          "a user name typed as a formula is exported with a leading apostrophe")
    check(all(not any(f[:1] and f[:1] in "=+-@" for f in r) for r in exported[1:]), "every field is neutralised against formulas")
    status, _, _ = http(base, "/pupil.php?pupil=P00001", cookie(driver))
    check(status == 403, "the administrator sees no pupil data: 403")

    # ---- an import refused: the library's problem report, nothing changed ----------------------------
    sample = os.path.join(os.path.dirname(args.run_sh), "..", "..", "data")
    bad = os.path.join(args.out, "bad_register.csv")
    with open(bad, "w") as f:
        f.write("pupil_id,start_date,marks\nC00001,2024-09-02,/\\/\\\nC00002,2024-09-07,/\\Q\\\n")
    driver.get(base + "/import.php?lang=cy")
    form = wait(driver, EC.presence_of_element_located((By.ID, "import")))
    form.find_element(By.NAME, "school").send_keys("ysgol-c")
    form.find_element(By.NAME, "name").send_keys("Ysgol Newydd")
    for name, path in (("register", bad), ("pupils", os.path.join(sample, "pupils_2024.csv")),
                       ("terms", os.path.join(sample, "terms_2024.csv")), ("closures", os.path.join(sample, "closures_2024.csv"))):
        form.find_element(By.NAME, name).send_keys(os.path.abspath(path))
    form.find_element(By.ID, "import-submit").click()
    problems = wait(driver, EC.presence_of_element_located((By.ID, "import-problems"))).text
    check("bad_register.csv:3:" in problems and "Gwrthodwyd" in text(driver),
          f"a bad register is refused with the library's problems, file:line:column, in Welsh: {problems.splitlines()[0]!r}")
    check(not driver.find_elements(By.CSS_SELECTOR, "#schools tr[data-school='ysgol-c']"), "... and nothing was imported")
    sign_out(driver)


def php_command(args):
    """PHP as run.sh runs it (php -n with the ssat extension, PDO SQLite and fileinfo), for bin/ scripts."""
    cmd = [args.php, "-n", "-d", f"extension={args.extension}"]
    for ext in ("pdo", "pdo_sqlite", "fileinfo"):
        probe = subprocess.run([*cmd, "-r", f"exit(extension_loaded('{ext}') ? 0 : 1);"], capture_output=True)
        if probe.returncode != 0:
            cmd += ["-d", f"extension={ext}"]
    return cmd


def first_run_race(args, work, log_dir):
    """Many first requests at once on an empty data directory: each gets a page, none a 500."""
    data_dir = os.path.join(work, "race")
    port = free_port()
    server, base = start_server(args, port, data_dir, os.path.join(log_dir, "portal_race.log"), demo=False)
    try:
        # A sign-in creates the database; a page creates the session directory.
        request = lambda i: http(base, "/login.php", data={"username": f"user{i}", "password": "x"})[0] if i % 2 \
            else http(base, "/index.php")[0]
        with concurrent.futures.ThreadPoolExecutor(12) as pool:
            codes = list(pool.map(request, range(12)))
    finally:
        stop_server(server)
    check(set(codes) <= {401, 303}, f"12 concurrent first requests on a fresh data directory: {sorted(set(codes))}, no 500")


def submit_forged(driver, fields, event="attendance_improved"):
    """Submit the event form of the page for `event` with some fields replaced, added or, for None,
    removed; the browser's own checks are turned off first."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.execute_script(
        """
        const [event, fields] = arguments;
        const form = document.querySelector('form.event[data-event="' + event + '"]');
        form.noValidate = true;
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
    wait(driver, gone(page))  # the page before may have had #applied too
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
    args.out = os.path.abspath(args.out)  # the browser uploads files from it
    os.makedirs(args.out, exist_ok=True)

    work = tempfile.mkdtemp(prefix="ssat-portal-test-")
    data_dir, profile = os.path.join(work, "data"), os.path.join(work, "chromium")
    server = driver = None
    log_path = os.path.join(args.out, "portal_server.log")
    try:
        port = free_port()
        first_run_race(args, work, args.out)
        server, base = start_server(args, port, data_dir, log_path)
        print(f"# portal on {base}, data in {data_dir}", flush=True)
        driver = start_browser(args, profile)
        try:
            run(args, base, data_dir, driver, log_path)
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
