#!/usr/bin/env python3
"""A real browser against the Lua consoles: headless Chromium (through chromedriver and Selenium)
opens the page in two tabs, each with a console of its own, and types into both at once: two
scripts that print as they sleep run together and their output streams into each tab as it is
printed; a busy loop in one tab does not hold up the other, and Ctrl-C stops it. Saves a
screenshot of each tab.

Usage: test_browser.py PATH/TO/luaconsole SCREENSHOT-PREFIX   (writes PREFIX-1.png, PREFIX-2.png)
"""
import re
import signal
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

server = subprocess.Popen([sys.argv[1], "0"], stdout=subprocess.PIPE, text=True)
port = int(re.search(r":(\d+)/$", server.stdout.readline().strip()).group(1))
url = "http://127.0.0.1:%d/" % port

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"   # Debian's; nothing is downloaded
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=900,700"):
    options.add_argument(arg)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
failures = 0


def check(cond, what):
    global failures
    print("  ok  " if cond else "  FAIL", what)
    failures += 0 if cond else 1


def log_text():
    """The log's text, each run of blanks (tabs included) as one space."""
    return re.sub(r"[ \t]+", " ", driver.find_element(By.ID, "log").text)


def type_line(line):
    field = driver.find_element(By.ID, "line")
    WebDriverWait(driver, 10).until(lambda d: field.is_enabled())
    field.send_keys(line + Keys.ENTER)


def wait_for(text, seconds=10):
    try:
        WebDriverWait(driver, seconds, poll_frequency=0.05).until(lambda d: text in log_text())
        return True
    except Exception:
        return False


try:
    driver.get(url)
    tab1 = driver.current_window_handle
    check(driver.title == "Stackless Lua console", "the page loads (title %r)" % driver.title)
    check(wait_for("Lua 5.4"), "tab 1: Lua's banner")
    driver.switch_to.new_window("tab")
    tab2 = driver.current_window_handle
    driver.get(url)
    check(wait_for("Lua 5.4"), "tab 2: a console of its own")

    # Both at once: each prints a line every 250 ms for 1.5 s.
    driver.switch_to.window(tab1)
    start = time.monotonic()
    type_line("for i = 1, 6 do print('one', i) sleep(250) end")
    driver.switch_to.window(tab2)
    type_line("for i = 1, 6 do print('two', i) sleep(250) end")
    check(wait_for("two 2") and "two 6" not in log_text(),
          "tab 2 shows its lines as they are printed (2 of 6 so far)")
    driver.switch_to.window(tab1)
    check("one 2" in log_text() and "one 6" not in log_text(),
          "tab 1 too, at the same time")
    check(wait_for("one 6"), "tab 1 ends")
    driver.switch_to.window(tab2)
    check(wait_for("two 6"), "tab 2 ends")
    took = time.monotonic() - start
    check(took < 2.6, "both scripts ran together: %.2f s for two of 1.5 s each" % took)

    # A busy loop in tab 2; tab 1 keeps answering; Ctrl-C stops the loop.
    type_line("n = 0 while true do n = n + 1 end")
    driver.switch_to.window(tab1)
    type_line("x = 6 * 7")
    type_line("x, #fetch(SERVER .. '/api/delay/100')")
    check(wait_for("42 14"), "tab 1 answers (and fetches) while tab 2 loops")
    type_line("t = {} for w in ('a table of words'):gmatch('%a+') do t[#t + 1] = w:upper() end")
    type_line("table.concat(t, ' ')")
    check(wait_for("A TABLE OF WORDS"), "tab 1: string and table libraries")
    type_line("error('a mistake')")
    check(wait_for("stdin:1: a mistake"), "an error is shown in its console")
    errors = driver.find_elements(By.CSS_SELECTOR, "#log .err")
    check(any("a mistake" in e.text for e in errors), "styled as an error")
    type_line("<b>not html</b>")
    check(wait_for("unexpected symbol near '<'") and not driver.find_elements(By.CSS_SELECTOR, "#log b"),
          "input is never parsed as HTML")
    driver.switch_to.window(tab2)
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("c").key_up(Keys.CONTROL).perform()
    check(wait_for("interrupted!"), "tab 2: Ctrl-C interrupts the loop")
    type_line("n > 1000")
    check(wait_for("true"), "tab 2 goes on")
    type_line("name = io.read()")
    type_line("Lua")
    type_line("'hello, ' .. name")
    check(wait_for("hello, Lua"), "io.read takes the next line typed")
    driver.save_screenshot(sys.argv[2] + "-2.png")
    driver.switch_to.window(tab1)
    driver.save_screenshot(sys.argv[2] + "-1.png")
    print("  screenshots:", sys.argv[2] + "-1.png", sys.argv[2] + "-2.png")
    severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    check(not severe, "no JavaScript errors (%s)" % severe)
finally:
    driver.quit()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=10)
print("%d failure(s)" % failures)
sys.exit(1 if failures else 0)
