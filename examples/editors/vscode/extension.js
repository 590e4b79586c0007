// A minimal VS Code extension: it starts `s75 lsp` for the Markdown files
// and agreement.toml files of the open repository. Everything else
// (diagnostics, hover, go to definition, references, rename, quick fixes,
// the outline) is the server's.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const command = vscode.workspace.getConfiguration("s75").get("command", "s75");
  client = new LanguageClient(
    "s75",
    "s75",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "file", pattern: "**/agreement.toml" },
      ],
    },
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
