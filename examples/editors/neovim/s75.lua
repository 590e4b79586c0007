-- `s75 lsp` in Neovim 0.7 or later, with no plugin: copy this file to
-- ~/.config/nvim/plugin/s75.lua (or `dofile` it from init.lua). It starts
-- the server for Markdown and TOML files inside an agreements repository
-- (a folder with s75.toml or agreements/ above them), one server per
-- repository. Set `vim.g.s75_command` first if s75 is not on your PATH.
--
-- Then: diagnostics as you type, K (vim.lsp.buf.hover) on a defined term or
-- a clause reference, gd (vim.lsp.buf.definition), vim.lsp.buf.references(),
-- vim.lsp.buf.rename() on a defined term, vim.lsp.buf.code_action() on a
-- near-miss, vim.lsp.buf.document_symbol() for the clause outline.

local function repository_root(file)
  local dir = vim.fn.fnamemodify(file, ":p:h")
  while true do
    if vim.fn.filereadable(dir .. "/s75.toml") == 1 or vim.fn.isdirectory(dir .. "/agreements") == 1 then
      return dir
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then return nil end
    dir = parent
  end
end

local clients = {}

vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "toml" },
  callback = function(args)
    local root = repository_root(vim.api.nvim_buf_get_name(args.buf))
    if not root then return end
    local config = { name = "s75", cmd = { vim.g.s75_command or "s75", "lsp" }, root_dir = root }
    if vim.lsp.start then
      -- Neovim 0.8 and later reuse the client of the same name and root.
      vim.lsp.start(config, { bufnr = args.buf })
    else
      clients[root] = clients[root] or vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(args.buf, clients[root])
    end
  end,
})
