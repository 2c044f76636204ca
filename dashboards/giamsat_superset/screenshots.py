"""Log in with headless Chromium (Debian's chromium and chromedriver), open each dashboard, screenshot it and say,
per chart, whether it drew something, showed an error or showed no data.

Run with Superset's virtual environment (selenium comes with Superset):
  .venv-superset/bin/python -m giamsat_superset.screenshots --url http://127.0.0.1:8088 --username U --password P
      --out DIR SLUG...
Prints one JSON object: {slug: {"png": path, "charts": {title: "ok" | "error: ..." | "no data"}}}.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

WIDTH, HEIGHT = 1600, 2400
CHART_TIMEOUT = 90  # seconds for every chart of a dashboard to finish loading

# Read in the page itself: for each chart holder, its title and what it shows.
CHART_STATES = """
return Array.from(document.querySelectorAll('.dashboard-component-chart-holder')).map(holder => {
  const title = (holder.querySelector('.header-title, [data-test="editable-title"]') || {}).innerText || '';
  const text = holder.innerText || '';
  const error = holder.querySelector('.alert-danger, [data-test="alert"], .ant-alert-error, .error-alert');
  const loading = holder.querySelector('.loading, [aria-label="Loading"]');
  const empty = holder.querySelector('.empty-state, [data-test="no-results"], .ant-empty')
      || /No results were returned|No data/i.test(text);
  const drawn = holder.querySelector('canvas, svg, table tbody tr, .big-number, .header-line');
  let state = 'ok';
  if (loading) state = 'loading';
  else if (error) state = 'error: ' + error.innerText.slice(0, 200);
  else if (empty) state = 'no data';
  else if (!drawn) state = 'nothing drawn';
  return [title.trim(), state];
});
"""


def browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={WIDTH},{HEIGHT}", "--lang=vi-VN", "--hide-scrollbars"):
        options.add_argument(argument)
    # The Debian driver, given by path: selenium then never tries to download one.
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def log_in(driver: webdriver.Chrome, url: str, username: str, password: str) -> None:
    driver.get(f"{url}/login/")
    wait = WebDriverWait(driver, 60)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "input#username, input[name=username]")))
    driver.find_element(By.CSS_SELECTOR, "input#username, input[name=username]").send_keys(username)
    driver.find_element(By.CSS_SELECTOR, "input#password, input[name=password]").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]").click()
    wait.until(lambda d: "/login" not in d.current_url)


def dashboard_states(driver: webdriver.Chrome, url: str, slug: str, png: Path) -> dict[str, str]:
    driver.get(f"{url}/superset/dashboard/{slug}/?standalone=1")
    WebDriverWait(driver, 60).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, ".dashboard-component-chart-holder")))
    deadline = time.monotonic() + CHART_TIMEOUT
    states: list = []
    while time.monotonic() < deadline:
        states = driver.execute_script(CHART_STATES)
        if states and not any(state in ("loading", "nothing drawn") for _, state in states):
            break
        time.sleep(2)
    time.sleep(2)  # let the last chart finish its animation before the picture
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(WIDTH, max(HEIGHT, min(height + 100, 6000)))
    time.sleep(1)
    driver.save_screenshot(str(png))
    return {title or f"chart {number}": state for number, (title, state) in enumerate(states, start=1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("slugs", nargs="+")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    driver = browser()
    result = {}
    try:
        log_in(driver, args.url, args.username, args.password)
        for slug in args.slugs:
            png = out / f"{slug}.png"
            try:
                charts = dashboard_states(driver, args.url, slug, png)
            except TimeoutException:
                charts = {"(dashboard)": "error: the dashboard did not load"}
            result[slug] = {"png": str(png), "charts": charts}
    finally:
        driver.quit()
    json.dump(result, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
