// The shell of the site's own pages (landing, changelogs): Japanese, no outside resources.
export const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

export function page(title, body) {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <style>
    body { font: 16px/1.7 system-ui, "Noto Sans CJK JP", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2933; }
    .api, .change { border: 1px solid #cbd2d9; border-radius: 8px; padding: 0 1.25rem; margin: 1.5rem 0; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; }
    dt { font-weight: 600; }
    dd { margin: 0; }
    pre { background: #f5f7fa; padding: .75rem; border-radius: 6px; overflow-x: auto; }
    .bump { font-weight: 600; color: #52606d; }
    small { color: #52606d; font-weight: normal; }
    table { border-collapse: collapse; font-size: 14px; margin-bottom: 1rem; }
    td, th { border-bottom: 1px solid #e4e7eb; padding: .25rem .75rem .25rem 0; text-align: left; vertical-align: top; }
  </style>
</head>
<body>
  ${body}
</body>
</html>
`;
}
