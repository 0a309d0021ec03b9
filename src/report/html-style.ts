// The report's only stylesheet, inlined: no fonts, images or anything else fetched.
// (No `<` or `&` here: the document is also well-formed XML.)
export const HTML_STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #24292f; margin: 0 auto; max-width: 980px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 4px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f8fa; padding: 12px; overflow-x: auto; border-radius: 6px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
.meta { color: #57606a; margin: 0; }
.badge { display: inline-block; border-radius: 12px; padding: 1px 10px; font-size: 13px; font-weight: 600; color: #fff; vertical-align: middle; }
.v-passed, .c-met { background: #1a7f37; }
.v-failed, .v-errored, .v-interrupted, .c-breached { background: #cf222e; }
.v-not-steady, .v-inconclusive, .c-no-data { background: #9a6700; }
.c-not-evaluated { background: #8c959f; }
.reason { border-left: 4px solid #d0d7de; padding-left: 10px; }
.leftovers { border: 2px solid #cf222e; background: #ffebe9; padding: 10px 14px; border-radius: 6px; }
figure { margin: 12px 0 20px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg { max-width: 100%; height: auto; display: block; }
.legend { color: #57606a; font-size: 12px; }
`;
