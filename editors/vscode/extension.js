// Starts `essaylint server` for Markdown files and hands it to VS Code's LSP client.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("essaylint").get("command");
  client = new LanguageClient(
    "essaylint",
    "essaylint",
    { command, args },
    {
      documentSelector: [{ scheme: "file", language: "markdown" }],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{yaml,yml,txt}"),
      },
    },
  );
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
