//! Requests: each decoded, answered from the current analysis of the
//! document it names, and any failure turned into a JSON-RPC error.

use lsp_server::{ErrorCode, Request, Response};
use lsp_types::request::{
    CodeActionRequest, DocumentSymbolRequest, GotoDefinition, HoverRequest, PrepareRenameRequest, References, Rename,
    Request as _,
};
use lsp_types::{
    CodeActionParams, DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams, GotoDefinitionResponse,
    HoverParams, ReferenceParams, RenameParams, TextDocumentPositionParams,
};
use serde_json::Value;

use super::analysis::Analysis;
use super::{Server, actions, definition, hover, params, position, references, rename, symbols};
use crate::model::{DocId, Document};
use crate::rules::stale::register::Register;

impl Server {
    pub(super) fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        match self.answer(req) {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn answer(&mut self, req: Request) -> Result<Value, (ErrorCode, String)> {
        let json = |v: serde_json::Result<Value>| v.map_err(|e| (ErrorCode::InternalError, e.to_string()));
        match req.method.as_str() {
            HoverRequest::METHOD => {
                let p: HoverParams = params(req.params)?;
                let at = &p.text_document_position_params;
                let found = self.at(at).and_then(|(a, reg, id, doc, off)| hover::hover(a, reg, id, doc, off));
                json(serde_json::to_value(found))
            }
            GotoDefinition::METHOD => {
                let p: GotoDefinitionParams = params(req.params)?;
                let found = self
                    .at(&p.text_document_position_params)
                    .map(|(a, _, id, doc, off)| definition::definition(a, id, doc, off));
                json(serde_json::to_value(found.map(GotoDefinitionResponse::Array)))
            }
            References::METHOD => {
                let p: ReferenceParams = params(req.params)?;
                let declaration = p.context.include_declaration;
                let found = self
                    .at(&p.text_document_position)
                    .map(|(a, _, id, doc, off)| references::references(a, id, doc, off, declaration));
                json(serde_json::to_value(found))
            }
            PrepareRenameRequest::METHOD => {
                let p: TextDocumentPositionParams = params(req.params)?;
                let found = self.at(&p).and_then(|(a, _, id, doc, off)| rename::prepare(a, id, doc, off));
                json(serde_json::to_value(found))
            }
            Rename::METHOD => {
                let p: RenameParams = params(req.params)?;
                let Some((a, _, id, doc, off)) = self.at(&p.text_document_position) else {
                    return Err((
                        ErrorCode::RequestFailed,
                        "this file is not part of an agreement s75 can read".to_string(),
                    ));
                };
                let edit = rename::rename(a, id, doc, off, &p.new_name).map_err(|m| (ErrorCode::RequestFailed, m))?;
                json(serde_json::to_value(edit))
            }
            CodeActionRequest::METHOD => {
                let p: CodeActionParams = params(req.params)?;
                let found =
                    self.document(&p.text_document.uri).map(|(a, _, _, _, path)| actions::actions(a, &path, p.range));
                json(serde_json::to_value(found.unwrap_or_default()))
            }
            DocumentSymbolRequest::METHOD => {
                let p: DocumentSymbolParams = params(req.params)?;
                let found = self.document(&p.text_document.uri).map(|(_, _, _, doc, _)| symbols::symbols(doc));
                json(serde_json::to_value(found.map(DocumentSymbolResponse::Nested)))
            }
            other => Err((ErrorCode::MethodNotFound, format!("s75 does not answer `{other}`"))),
        }
    }

    /// The document and byte offset a position names.
    #[allow(clippy::type_complexity)]
    fn at(
        &mut self,
        at: &TextDocumentPositionParams,
    ) -> Option<(&Analysis, Option<&Register>, DocId, &Document, usize)> {
        let (a, reg, id, doc, _) = self.document(&at.text_document.uri)?;
        let offset = position::offset(&doc.file, at.position);
        Some((a, reg, id, doc, offset))
    }
}
