#!/usr/bin/env python3
"""A real browser against the web console: headless Chromium (through chromedriver and Selenium)
loads the page, types lines into the console's input, submits them, and checks what the page
shows. Saves a screenshot.

Usage: test_browser.py PATH/TO/webconsole SCREENSHOT.png
"""
import re
import signal
import subprocess
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

server = subprocess.Popen([sys.argv[1], "0"], stdout=subprocess.PIPE, text=True)
port = int(re.search(r":(\d+)/$", server.stdout.readline().strip()).group(1))

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"   # Debian's; nothing is downloaded
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=900,650"):
    options.add_argument(arg)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
failures = 0


def check(cond, what):
    global failures
    print("  ok  " if cond else "  FAIL", what)
    failures += 0 if cond else 1


def log_text():
    return driver.find_element(By.ID, "log").text


def submit(line, expect):
    field = driver.find_element(By.ID, "line")
    WebDriverWait(driver, 10).until(lambda d: field.is_enabled())
    field.send_keys(line + Keys.ENTER)
    try:
        WebDriverWait(driver, 10).until(lambda d: expect in log_text())
        return True
    except Exception:
        return False


try:
    driver.get("http://127.0.0.1:%d/" % port)
    check(driver.title == "Stackless web console", "the page loads (title %r)" % driver.title)
    WebDriverWait(driver, 10).until(lambda d: "type help" in log_text())
    check(True, "the console's banner is shown")
    check(submit("x = 3", "> x = 3"), "typed x = 3")
    check(submit("def f(a, b) = a*b + 1", "defined f(a, b)"), "typed a def: 'defined f(a, b)'")
    check(submit("f(x, 2)", "> f(x, 2)\n7"), "typed f(x, 2): the page shows 7")
    check(submit("1/0", "error: division by zero"), "typed 1/0: the error is shown")
    errors = driver.find_elements(By.CSS_SELECTOR, "#log .err")
    check(any("division by zero" in e.text for e in errors), "errors are styled as errors")
    check(submit("<b>bold</b>", "> <b>bold</b>\nerror: syntax") and
          not driver.find_elements(By.CSS_SELECTOR, "#log b"), "input is never parsed as HTML")
    driver.find_element(By.ID, "line").send_keys(Keys.ARROW_UP)
    check(driver.find_element(By.ID, "line").get_attribute("value") == "<b>bold</b>",
          "arrow up recalls the last line")
    driver.find_element(By.ID, "line").clear()
    submit("def fib(n) = if(n < 2, n, fib(n-1) + fib(n-2))", "defined fib(n)")
    check(submit("fib(20)", "6765"), "fib(20) = 6765")
    driver.save_screenshot(sys.argv[2])
    print("  screenshot:", sys.argv[2])
    severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    check(not severe, "no JavaScript errors (%s)" % severe)
finally:
    driver.quit()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=10)
print("%d failure(s)" % failures)
sys.exit(1 if failures else 0)
