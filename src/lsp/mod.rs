//! `s75 lsp`: a language server for drafters. The editor's unsaved texts
//! are read in place of the files on disk ([`crate::loading::Overlay`]);
//! each change reloads and rechecks the agreement it belongs to (the
//! 2019 agreement costs about 20 ms of CPU, so nothing finer is needed:
//! `scripts/bench-lsp.sh` measures it), and the result answers every
//! request until the next change. Data still flows one way: files and
//! buffers → model → findings → diagnostics.
//!
//! This file is the loop and the documents; [`requests`] dispatches
//! requests, one file per capability answers them; positions are
//! converted in [`position`], the transport is [`transport`].

mod actions;
mod analysis;
mod definition;
mod diagnostics;
mod hover;
mod locate;
mod position;
mod references;
mod rename;
mod requests;
mod symbols;
mod terms;
mod transport;

use std::collections::{BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use crossbeam_channel::Sender;
use jiff::civil::Date;
use lsp_server::{Connection, ErrorCode, Message, Notification, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::{
    CodeActionProviderCapability, HoverProviderCapability, OneOf, PublishDiagnosticsParams, RenameOptions,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::loading::{LoadError, Overlay, Repo};
use crate::model::{DocId, Document};
use crate::rules::Checker;
use crate::rules::stale::register::{self, Register};

use analysis::{Analysis, Outcome};

/// Serves the protocol on standard input and output until the client exits.
pub fn run(today: Date) -> anyhow::Result<()> {
    let (connection, io) = transport::stdio();
    // lsp-server's `initialize` refuses any message before `initialized`;
    // the handshake is answered here and `initialized` ignored like any
    // notification s75 does not need.
    let (id, _) = connection.initialize_start().map_err(|e| anyhow::anyhow!("lsp: {e}"))?;
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "s75", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.sender.send(Response::new_ok(id, result).into())?;
    let mut server = Server::new(connection.sender.clone(), today);
    server.serve(&connection);
    drop(server);
    drop(connection);
    io.join()?;
    Ok(())
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// The checker and stale register a repository's `s75.toml` asks for.
struct Rules {
    checker: Checker,
    register: Option<Register>,
}

/// One agreement the editor has touched.
struct Entry {
    repo: Repo,
    outcome: Outcome,
    /// A file of it changed since it was last analysed.
    dirty: bool,
    /// Files diagnostics were published for, to clear them when they are fixed.
    published: BTreeSet<PathBuf>,
}

struct Server {
    sender: Sender<Message>,
    today: Date,
    overlay: Overlay,
    /// The editor's version of each open document: diagnostics carry it, so
    /// an editor can tell them from those of an earlier text.
    versions: HashMap<PathBuf, i32>,
    rules: HashMap<PathBuf, Result<Rules, String>>,
    agreements: HashMap<PathBuf, Entry>,
}

impl Server {
    fn new(sender: Sender<Message>, today: Date) -> Server {
        Server {
            sender,
            today,
            overlay: Overlay::default(),
            versions: HashMap::new(),
            rules: HashMap::new(),
            agreements: HashMap::new(),
        }
    }

    fn serve(&mut self, connection: &Connection) {
        for message in &connection.receiver {
            match message {
                Message::Request(req) => {
                    if connection.handle_shutdown(&req).unwrap_or(true) {
                        return;
                    }
                    let id = req.id.clone();
                    let response = catch_unwind(AssertUnwindSafe(|| self.request(req))).unwrap_or_else(|_| {
                        Response::new_err(id, ErrorCode::InternalError as i32, "s75 failed on this request".to_string())
                    });
                    self.send(response.into());
                }
                Message::Notification(n) => {
                    if n.method == "exit" {
                        return;
                    }
                    // A notification has no reply: a failure is logged, never fatal.
                    if catch_unwind(AssertUnwindSafe(|| self.notification(n))).is_err() {
                        eprintln!("s75 lsp: a notification could not be handled");
                    }
                }
                Message::Response(_) => {}
            }
            // Changes that arrive together are checked once, when they are all in.
            if connection.receiver.is_empty() {
                self.refresh();
            }
        }
    }

    fn send(&self, message: Message) {
        let _ = self.sender.send(message);
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = params::<lsp_types::DidOpenTextDocumentParams>(n.params) {
                    self.version(&p.text_document.uri, Some(p.text_document.version));
                    self.edited(&p.text_document.uri, Some(p.text_document.text));
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(mut p) = params::<lsp_types::DidChangeTextDocumentParams>(n.params) {
                    // Full synchronisation: the last change holds the whole text.
                    self.version(&p.text_document.uri, Some(p.text_document.version));
                    if let Some(change) = p.content_changes.pop() {
                        self.edited(&p.text_document.uri, Some(change.text));
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = params::<lsp_types::DidCloseTextDocumentParams>(n.params) {
                    self.version(&p.text_document.uri, None);
                    self.edited(&p.text_document.uri, None);
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = params::<lsp_types::DidSaveTextDocumentParams>(n.params) {
                    let path = position::path(&p.text_document.uri);
                    // A saved s75.toml changes the rules themselves.
                    if let Some(root) = path
                        .as_deref()
                        .filter(|p| p.ends_with(crate::loading::repo::CONFIG_FILE))
                        .and_then(Path::parent)
                    {
                        self.rules.remove(root);
                        self.agreements.values_mut().filter(|e| e.repo.root == root).for_each(|e| e.dirty = true);
                    }
                }
            }
            _ => {}
        }
    }

    fn version(&mut self, uri: &Uri, version: Option<i32>) {
        let Some(path) = position::path(uri) else { return };
        match version {
            Some(v) => self.versions.insert(path, v),
            None => self.versions.remove(&path),
        };
    }

    /// A buffer opened or changed (`Some` text) or closed (`None`: the file on disk counts again).
    fn edited(&mut self, uri: &Uri, text: Option<String>) {
        let Some(path) = position::path(uri) else { return };
        match text {
            Some(t) => self.overlay.set(path.clone(), t),
            None => self.overlay.remove(&path),
        }
        for dir in self.touch(&path) {
            if let Some(e) = self.agreements.get_mut(&dir) {
                e.dirty = true;
            }
        }
    }

    /// The agreements `path` belongs to, made known to the server.
    fn touch(&mut self, path: &Path) -> Vec<PathBuf> {
        let Some(repo) = Repo::find(path) else { return Vec::new() };
        let dirs = match analysis::agreement_dir(&repo, path) {
            Some(dir) => vec![dir],
            // A shared schedule: every agreement that uses it (found once analysed).
            None if path.starts_with(repo.root.join("schedules")) => repo.all_agreements(),
            None => Vec::new(),
        };
        for dir in &dirs {
            self.agreements.entry(dir.clone()).or_insert_with(|| Entry {
                repo: repo.clone(),
                outcome: Err(LoadError::file(repo.relative(dir), "not analysed yet")),
                dirty: true,
                published: BTreeSet::new(),
            });
        }
        dirs
    }

    /// Analyses every agreement changed since its last analysis and publishes its diagnostics.
    fn refresh(&mut self) {
        let dirty: Vec<PathBuf> = self.agreements.iter().filter(|(_, e)| e.dirty).map(|(d, _)| d.clone()).collect();
        for dir in dirty {
            let Some(repo) = self.agreements.get(&dir).map(|e| e.repo.clone()) else { continue };
            let outcome = match rules_for(&mut self.rules, &repo, self.today) {
                Ok(rules) => {
                    let overlay = &self.overlay;
                    // A check that fails on some text must not end the session: it is reported at the agreement.
                    catch_unwind(AssertUnwindSafe(|| analysis::analyse(&repo, &dir, overlay, &rules.checker)))
                        .unwrap_or_else(|_| {
                            let meta = dir.join(crate::loading::repo::METADATA_FILE);
                            Err(LoadError::file(
                                repo.relative(&meta),
                                "s75 failed while checking this agreement (please report it)",
                            ))
                        })
                }
                Err(message) => Err(LoadError::file(crate::loading::repo::CONFIG_FILE, message.clone())),
            };
            let now = diagnostics::by_file(&repo, &outcome);
            let Some(entry) = self.agreements.get_mut(&dir) else { continue };
            let before = std::mem::take(&mut entry.published);
            entry.outcome = outcome;
            entry.dirty = false;
            entry.published = now.keys().cloned().collect();
            let cleared: Vec<_> =
                before.into_iter().filter(|p| !now.contains_key(p)).map(|p| (p, Vec::new())).collect();
            let all: Vec<_> = now.into_iter().chain(cleared).collect();
            for (path, diagnostics) in all {
                if let Some(uri) = position::uri(&path) {
                    let version = self.versions.get(&path).copied();
                    let params = PublishDiagnosticsParams { uri, diagnostics, version };
                    self.send(Notification::new(PublishDiagnostics::METHOD.to_string(), params).into());
                }
            }
        }
    }
}

/// The rules of `repo`, read on first use.
fn rules_for<'r>(
    rules: &'r mut HashMap<PathBuf, Result<Rules, String>>,
    repo: &Repo,
    today: Date,
) -> Result<&'r Rules, &'r String> {
    {
        rules
            .entry(repo.root.clone())
            .or_insert_with(|| {
                let (checker, _) = Checker::configured(&repo.root, today).map_err(|e| e.to_string())?;
                let register = register::parse(&checker.cx.packs.stale).ok();
                Ok(Rules { checker, register })
            })
            .as_ref()
    }
}

impl Server {
    /// The analysis that holds the document at `uri`, up to date.
    fn document(&mut self, uri: &Uri) -> Option<(&Analysis, Option<&Register>, DocId, &Document, PathBuf)> {
        let path = position::path(uri)?;
        if !self.agreements.values().any(|e| e.outcome.as_ref().is_ok_and(|a| a.has_file(&path))) {
            self.touch(&path);
        }
        self.refresh();
        let entry = self.agreements.values().find(|e| e.outcome.as_ref().is_ok_and(|a| a.document(&path).is_some()))?;
        let analysis = entry.outcome.as_ref().ok()?;
        let (id, doc) = analysis.document(&path)?;
        let register = self.rules.get(&entry.repo.root).and_then(|r| r.as_ref().ok()).and_then(|r| r.register.as_ref());
        Some((analysis, register, id, doc, path))
    }
}

/// A message's parameters, or the JSON-RPC error for malformed ones.
fn params<P: DeserializeOwned>(value: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(value).map_err(|e| (ErrorCode::InvalidParams, format!("invalid parameters: {e}")))
}
