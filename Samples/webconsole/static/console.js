// The page's side of the console: creates a console on load, sends each line typed, shows what
// the interpreter printed. A line still running when the server answers ("busy") is followed up
// by polling the console's output. Shared by the web consoles of Samples/webconsole and
// Samples/luaconsole; the page's <main> says what its server does more:
//   data-long-poll   /output waits for output itself, so it is asked again at once
//   data-interrupt   Ctrl-C while a line runs posts /interrupt
//   data-error       a regular expression for the lines shown as errors (default: ^error: )
// An answer's "prompt", when there is one, replaces the prompt shown before the input.
"use strict";

const log = document.getElementById("log");
const form = document.getElementById("prompt");
const input = document.getElementById("line");
const label = form.querySelector("label");
const status = document.getElementById("status");
const main = document.querySelector("main");
const longPoll = main.hasAttribute("data-long-poll");
const canInterrupt = main.hasAttribute("data-interrupt");
const errorLine = new RegExp(main.dataset.error || "^error: ");
const history = [];
let historyPos = 0;
let consoleId = null;
let prompt = "> ";
let running = false;

function setPrompt(data) {
  if (data && typeof data.prompt === "string") {
    prompt = data.prompt;
    label.textContent = prompt.trimEnd();
  }
}

function show(text, cls) {
  if (!text) return;
  // Text nodes only: what the server sends is never parsed as HTML.
  for (const part of text.split(/(?<=\n)/)) {
    const span = document.createElement("span");
    span.textContent = part;
    if (cls) span.className = cls;
    else if (errorLine.test(part)) span.className = "err";
    log.appendChild(span);
  }
  log.scrollTop = log.scrollHeight;
}

async function call(method, path, body) {
  const response = await fetch(path, {method, body, headers: body === undefined ? {} : {"Content-Type": "text/plain"}});
  const data = response.status === 204 ? {} : await response.json();
  return {status: response.status, data};
}

async function createConsole() {
  const r = await call("POST", "/api/consoles");
  if (r.status !== 201) throw new Error(r.data.error || ("HTTP " + r.status));
  consoleId = r.data.id;
  show(r.data.output);
  setPrompt(r.data);
  status.textContent = "console " + consoleId.slice(0, 8) + "…";
  input.disabled = false;
  input.focus();
}

async function followOutput(data) {
  while (data.busy) {
    if (!longPoll) await new Promise(resolve => setTimeout(resolve, 300));
    const r = await call("GET", "/api/consoles/" + consoleId + "/output");
    if (r.status !== 200) return r;
    data = r.data;
    show(data.output);
  }
  setPrompt(data);
  return {status: 200, data};
}

async function send(line) {
  show(prompt + line + "\n", "in");
  let r = await call("POST", "/api/consoles/" + consoleId + "/eval", line);
  if (r.status === 404) {
    show("(the console expired; a new one starts, without your variables)\n", "err");
    await createConsole();
    r = await call("POST", "/api/consoles/" + consoleId + "/eval", line);
  }
  if (r.status !== 200) {
    show("error: " + (r.data.error || ("HTTP " + r.status)) + "\n", "err");
    return;
  }
  show(r.data.output);
  r = await followOutput(r.data);
  if (r.data && r.data.closed) {
    input.disabled = true;
    status.textContent = "the console has ended; reload the page for a new one";
  }
}

form.addEventListener("submit", async event => {
  event.preventDefault();
  const line = input.value;
  if (input.disabled) return;
  input.value = "";
  if (line.trim()) { history.push(line); historyPos = history.length; }
  input.disabled = true;
  running = true;
  try {
    await send(line);
  } catch (e) {
    show("error: " + e.message + "\n", "err");
  } finally {
    running = false;
    if (status.textContent.indexOf("ended") < 0) { input.disabled = false; input.focus(); }
  }
});

if (canInterrupt) {
  document.addEventListener("keydown", event => {
    if (running && event.ctrlKey && event.key === "c" && !String(window.getSelection())) {
      event.preventDefault();
      call("POST", "/api/consoles/" + consoleId + "/interrupt").catch(() => {});
    }
  });
}

input.addEventListener("keydown", event => {
  if (event.key === "ArrowUp" && historyPos > 0) {
    input.value = history[--historyPos];
    event.preventDefault();
  } else if (event.key === "ArrowDown" && historyPos < history.length) {
    historyPos++;
    input.value = history[historyPos] || "";
    event.preventDefault();
  }
});

createConsole().catch(e => { status.textContent = "cannot create a console: " + e.message; });
