"""The steps of an import, timed: download a template, fill it, upload it, open its preview,
confirm it. Called by imports.sh with the server's address."""

import datetime
import http.client
import io
import re
import sys
import time
import urllib.parse

import openpyxl

BASE = urllib.parse.urlparse(sys.argv[1])
ORIGIN = f"http://{BASE.netloc}"


def request(method, path, cookie=None, body=None, content_type=None):
    connection = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=120)
    headers = {"Origin": ORIGIN, "Accept": "text/html"}
    if cookie:
        headers["Cookie"] = cookie
    if content_type:
        headers["Content-Type"] = content_type
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - started
    return response, data, elapsed


def sign_in(email):
    body = urllib.parse.urlencode({"email": email, "password": "enlace-demo-2026"})
    response, _, _ = request("POST", "/api/sign-in", body=body,
                             content_type="application/x-www-form-urlencoded")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    return cookie


def multipart(fields, file_field, file_name, content):
    boundary = "enlace-load-boundary"
    parts = []
    for name, value in fields:
        parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode())
    parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{file_name}\"\r\n"
                 "Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def columns(sheet):
    return {cell.value: cell.column for cell in sheet[1]}


def fill_values(workbook):
    sheet = workbook["Values"]
    at = columns(sheet)
    for row in range(2, sheet.max_row + 1):
        kind = sheet.cell(row, at["Kind"]).value
        if kind == "Percentage":
            sheet.cell(row, at["Numerator"]).value = 3
            sheet.cell(row, at["Denominator"]).value = 12
        elif kind == "Yes / no":
            sheet.cell(row, at["Value"]).value = "Yes"
        elif kind.startswith("Scale"):
            sheet.cell(row, at["Value"]).value = 3
        elif kind == "Number":
            sheet.cell(row, at["Value"]).value = 4.5
        else:
            sheet.cell(row, at["Value"]).value = 17
        sheet.cell(row, at["Source"]).value = "Load test"
    return sheet.max_row - 1


def fill_statuses(workbook):
    actions = workbook["Actions"]
    at = columns(actions)
    for row in range(2, actions.max_row + 1):
        now = actions.cell(row, at["Status"]).value
        actions.cell(row, at["Status"]).value = "In progress" if now == "Completed" else "Completed"
        actions.cell(row, at["Why the status changed"]).value = "Load test"
    milestones = workbook["Milestones"]
    at = columns(milestones)
    day = datetime.date.today() - datetime.timedelta(days=1)
    for row in range(2, milestones.max_row + 1):
        milestones.cell(row, at["Achieved on"]).value = day
    return actions.max_row - 1, milestones.max_row - 1


def run(label, email, template, page, fields, fill):
    cookie = sign_in(email)
    response, data, download = request("GET", template + "?lang=en", cookie)
    assert response.status == 200, response.status
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    rows = fill(workbook)
    out = io.BytesIO()
    workbook.save(out)
    kind = dict(fields)["form[kind]"]
    body, content_type = multipart([("_form", f"/api/imports/upload#{kind}")] + fields,
                                   "form[file]", "filled.xlsx", out.getvalue())
    response, _, upload = request("POST", page, cookie, body, content_type)
    assert response.status == 303, response.status
    preview_path = urllib.parse.urlparse(response.getheader("Location")).path
    response, html, preview = request("GET", preview_path + "?lang=en", cookie)
    html = html.decode()
    changes = re.search(r"What will change \((\d+)\)", html).group(1)
    import_id = re.search(r'name="id" value="(\d+)"', html).group(1)
    seen = re.search(r'name="seen" value="([^"]*)"', html).group(1).replace("&amp;", "&")
    body = urllib.parse.urlencode({"_form": "/api/imports/confirm", "id": import_id, "seen": seen})
    response, _, confirm = request("POST", preview_path, cookie, body,
                                   "application/x-www-form-urlencoded")
    assert response.status == 303, (response.status, _)
    print(f"{label}: {rows} rows, {changes} changes; template {download * 1000:.0f} ms, "
          f"upload {upload * 1000:.0f} ms, preview {preview * 1000:.0f} ms, "
          f"confirm {confirm * 1000:.0f} ms")


run("values, Costa Rica 2026", "focal.cr@demo.enlace", "/templates/values/cr/2026.xlsx",
    "/countries/cr/indicators?year=2026",
    [("form[kind]", "values"), ("form[country]", "CR"), ("form[year]", "2026")], fill_values)
run("statuses, every country", "secretariat@demo.enlace", "/templates/statuses/all.xlsx",
    "/imports", [("form[kind]", "statuses"), ("form[country]", "")], fill_statuses)
