//! A JSON-RPC client for `s75 lsp`, driving the real binary over stdio as
//! an editor does: Content-Length framing, requests answered by id, and the
//! server's notifications (diagnostics) kept as they arrive.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Long enough for a debug build on a loaded machine: this is a timeout, never a benchmark.
const PATIENCE: Duration = Duration::from_secs(60);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications received and not yet looked at.
    pub notifications: Vec<Value>,
    /// The version last sent for each document opened (uri → version).
    versions: std::collections::HashMap<String, i64>,
}

impl Client {
    /// Starts `s75 lsp` in `cwd` and completes the handshake.
    pub fn start(cwd: &Path) -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("s75"))
            .arg("lsp")
            .current_dir(cwd)
            .env("S75_TODAY", "2026-11-24")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("s75 lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if send.send(message).is_err() {
                    return;
                }
            }
        });
        let mut client =
            Client { child, stdin, incoming, next_id: 0, notifications: Vec::new(), versions: Default::default() };
        let root = url(cwd);
        let init = client.request("initialize", json!({ "processId": null, "rootUri": root, "capabilities": {} }));
        assert!(init["result"]["capabilities"]["hoverProvider"].as_bool().unwrap_or(false), "{init}");
        client.notify("initialized", json!({}));
        client
    }

    pub fn send_raw(&mut self, payload: &[u8]) {
        let header = format!("Content-Length: {}\r\n\r\n", payload.len());
        self.stdin.write_all(header.as_bytes()).expect("write header");
        self.stdin.write_all(payload).expect("write payload");
        self.stdin.flush().expect("flush");
    }

    /// Writes bytes as they are, framing included.
    pub fn send_raw_header(&mut self, bytes: &str) {
        self.stdin.write_all(bytes.as_bytes()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        let text = serde_json::to_vec(&message).expect("json");
        self.send_raw(&text);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// The next message `wanted` accepts; notifications passed over are kept.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if wanted(&m) => return m,
                Ok(m) => self.notifications.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no answer from s75 lsp in {PATIENCE:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("s75 lsp closed its output"),
            }
        }
    }

    /// The next diagnostics published for `uri` (earlier ones already received are dropped);
    /// for a document this client has open, those of the version it sent last.
    pub fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let version = self.versions.get(uri).copied();
        let is_for = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == json!(v))
        };
        if let Some(i) = self.notifications.iter().rposition(is_for) {
            let found = self.notifications.remove(i);
            self.notifications.retain(|m| !is_for(m));
            return found["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
        }
        let found = self.wait_for(is_for);
        found["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Forgets the notifications received so far.
    pub fn clear(&mut self) {
        while let Ok(m) = self.incoming.try_recv() {
            self.notifications.push(m);
        }
        self.notifications.clear();
    }

    pub fn open(&mut self, path: &Path) {
        let text = std::fs::read_to_string(path).expect("read");
        self.versions.insert(url(path), 1);
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": url(path), "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    pub fn change(&mut self, path: &Path, version: i64, text: &str) {
        self.versions.insert(url(path), version);
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": url(path), "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    /// Shuts the server down as an editor does; returns its exit status.
    pub fn shutdown(mut self) -> i32 {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        self.exit_status()
    }

    /// Waits for the server to end by itself; returns its exit status.
    pub fn exit_status(mut self) -> i32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "s75 lsp did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The `file:` URI of a path, as editors send it.
pub fn url(path: &Path) -> String {
    let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    url::Url::from_file_path(real).expect("absolute path").to_string()
}

/// A request's position: a 0-based line, and the UTF-16 column of `word`'s
/// second character in it (inside the word, as a cursor on it would be).
pub fn at(path: &Path, line: usize, word: &str) -> Value {
    let text = std::fs::read_to_string(path).expect("read");
    let line_text = text.lines().nth(line).expect("line exists");
    let byte = line_text.find(word).unwrap_or_else(|| panic!("`{word}` on line {}: {line_text}", line + 1));
    let column = line_text[..byte].encode_utf16().count() + 1;
    json!({ "textDocument": { "uri": url(path) }, "position": { "line": line, "character": column } })
}
