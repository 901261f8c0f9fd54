// The one stylesheet every page uses, served by the app at /assets/style.css (a module, so the build
// carries it to dist/ with the code). Mobile first: one column at 360 px; system fonts, Chinese first.

export const STYLESHEET = `:root {
  --ink: #1b1f24;
  --muted: #57606a;
  --line: #d0d7de;
  --paper: #ffffff;
  --wash: #f6f8fa;
  --accent: #0b57d0;
  --bad: #b3261e;
  --good: #1a7f37;
  font-family: 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', system-ui, sans-serif;
  font-size: 16px;
  line-height: 1.6;
  color: var(--ink);
  background: var(--wash);
}
* {
  box-sizing: border-box;
}
body {
  margin: 0;
}
main {
  max-width: 40rem;
  margin: 0 auto;
  padding: 1rem;
}
header.top {
  display: flex;
  justify-content: space-between;
  align-items: baseline;
  gap: 1rem;
}
header.top p {
  margin: 0;
  color: var(--muted);
  font-size: 0.875rem;
}
h1 {
  font-size: 1.375rem;
  line-height: 1.35;
  margin: 0.5rem 0;
}
h2 {
  font-size: 1.0625rem;
  margin: 1.25rem 0 0.5rem;
}
section,
form.decide {
  background: var(--paper);
  border: 1px solid var(--line);
  border-radius: 8px;
  padding: 1rem;
  margin: 0.75rem 0;
}
dl.facts {
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: 0.25rem 0.75rem;
  margin: 0;
}
dl.facts dt {
  color: var(--muted);
}
dl.facts dd {
  margin: 0;
  overflow-wrap: anywhere;
}
.level {
  display: inline-block;
  padding: 0 0.5rem;
  border-radius: 4px;
  color: #fff;
  background: #57606a;
  font-weight: 600;
}
/* Level colours (UI.md): the plan's colour word, else a neutral shade by rank. Classes, not style
   attributes: the pages' policy (style-src 'self') refuses inline styles. */
.level-red {
  background: #c8102e;
}
.level-orange {
  background: #e8730c;
  color: #1b1f24;
}
.level-yellow {
  background: #d4a106;
  color: #1b1f24;
}
.level-blue {
  background: #1f5fbf;
}
.level-n0 {
  background: #24292f;
}
.level-n1 {
  background: #424a53;
}
.level-n2 {
  background: #57606a;
}
.level-n3 {
  background: #6e7781;
}
.late {
  color: var(--bad);
  font-weight: 600;
}
.late::before {
  content: '⚠ ';
}
.left {
  color: var(--good);
}
.material {
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}
details > summary {
  cursor: pointer;
  min-height: 44px;
  display: flex;
  align-items: center;
}
ol.chain {
  padding-left: 1.25rem;
  margin: 0;
}
ol.chain li {
  margin: 0.25rem 0;
}
.approve {
  color: var(--good);
}
.reject {
  color: var(--bad);
}
fieldset {
  border: 0;
  padding: 0;
  margin: 0 0 0.75rem;
}
legend {
  font-weight: 600;
  margin-bottom: 0.5rem;
}
.choice {
  display: flex;
  align-items: center;
  gap: 0.5rem;
  min-height: 44px;
  padding: 0 0.75rem;
  border: 1px solid var(--line);
  border-radius: 8px;
  margin-bottom: 0.5rem;
}
.choice input {
  width: 1.25rem;
  height: 1.25rem;
  margin: 0;
}
label.block {
  display: block;
  font-weight: 600;
  margin-bottom: 0.25rem;
}
textarea {
  width: 100%;
  min-height: 6rem;
  font: inherit;
  padding: 0.5rem;
  border: 1px solid var(--line);
  border-radius: 8px;
}
button {
  min-height: 48px;
  width: 100%;
  font: inherit;
  font-weight: 600;
  color: #fff;
  background: var(--accent);
  border: 0;
  border-radius: 8px;
  margin-top: 0.75rem;
  cursor: pointer;
}
button:focus-visible,
a:focus-visible,
input:focus-visible,
textarea:focus-visible,
summary:focus-visible {
  outline: 3px solid #f2b705;
  outline-offset: 2px;
}
a {
  color: var(--accent);
}
a.switch {
  display: inline-flex;
  align-items: center;
  min-height: 44px;
  min-width: 44px;
}
.problem {
  border-left: 4px solid var(--bad);
  background: #fff4f4;
  padding: 0.5rem 0.75rem;
  border-radius: 4px;
}
.outcome {
  border-left: 4px solid var(--good);
}
.outcome.rejected {
  border-left-color: var(--bad);
}
.hint {
  color: var(--muted);
  font-size: 0.875rem;
}
/* The after-action review: long tables and a picture, each scrolling sideways in its own box on a
   phone so the page itself stays one column. */
section.review {
  overflow-wrap: anywhere;
}
section.alert {
  border-left: 4px solid var(--bad);
  background: #fff4f4;
}
h3 {
  font-size: 1rem;
  margin: 1rem 0 0.5rem;
}
h4 {
  font-size: 0.9375rem;
  margin: 0.75rem 0 0.25rem;
}
h4.reject {
  color: var(--bad);
}
.good {
  color: var(--good);
  font-weight: 600;
}
code {
  font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
  font-size: 0.875em;
  overflow-wrap: anywhere;
}
.scroll {
  overflow-x: auto;
  max-width: 100%;
  margin: 0.25rem 0 0.75rem;
}
.scroll:focus-visible {
  outline: 3px solid #f2b705;
  outline-offset: 2px;
}
/* On a phone a table keeps its columns readable and scrolls in its box; from a desk width it fits. */
table {
  border-collapse: collapse;
  font-size: 0.875rem;
  line-height: 1.45;
  width: max-content;
  min-width: 100%;
}
th,
td {
  text-align: left;
  vertical-align: top;
  padding: 0.375rem 0.5rem;
  border-bottom: 1px solid var(--line);
  max-width: 16rem;
  overflow-wrap: break-word;
}
th {
  background: var(--wash);
  color: var(--muted);
  font-weight: 600;
  white-space: nowrap;
}
tr.breached td {
  background: #fff4f4;
}
ul.plain {
  list-style: none;
  padding: 0;
  margin: 0;
}
ul.plain li + li {
  margin-top: 0.25rem;
}
figure.chart-figure {
  margin: 0;
}
.chart-box svg {
  display: block;
  width: 100%;
  min-width: 52rem;
  height: auto;
}
ul.legend {
  list-style: none;
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem 1rem;
  padding: 0;
  margin: 0.25rem 0 0;
  font-size: 0.875rem;
  color: var(--muted);
}
ul.legend svg {
  vertical-align: -2px;
}
dl.answers dt {
  font-weight: 600;
  margin-top: 0.75rem;
}
dl.answers dd {
  margin: 0.25rem 0 0;
}
section > h2:first-child {
  margin-top: 0;
}
@media (min-width: 48rem) {
  main {
    padding: 2rem 1rem;
  }
  table {
    width: auto;
  }
  th,
  td {
    max-width: 24rem;
  }
  h1 {
    font-size: 1.625rem;
  }
}
@media (min-width: 64rem) {
  main:has(section.review) {
    max-width: 64rem;
  }
}

/* Print (the review): A4, page numbers at the foot, the incident and plan at the head of every page
   (the review page adds that running head, which names its own incident). */
@page {
  size: A4;
  margin: 18mm 14mm 16mm;
  @top-left {
    font-size: 8pt;
    color: #57606a;
  }
  @bottom-center {
    content: counter(page) ' / ' counter(pages);
    font-size: 8pt;
    color: #57606a;
  }
}
@media print {
  :root {
    background: #fff;
    font-size: 10pt;
  }
  main,
  main:has(section.review) {
    max-width: none;
    padding: 0;
  }
  .lang {
    display: none;
  }
  section,
  section.review {
    border: 0;
    border-radius: 0;
    padding: 0;
    margin: 0 0 6mm;
  }
  section.alert {
    border-left: 3pt solid var(--bad);
    padding-left: 3mm;
  }
  h2,
  h3,
  h4 {
    break-after: avoid;
  }
  .scroll {
    overflow: visible;
  }
  table {
    font-size: 8.5pt;
    width: 100%;
  }
  th,
  td {
    max-width: none;
    min-width: 0;
  }
  thead {
    display: table-header-group;
  }
  tr,
  figure.chart-figure,
  dl.answers dd {
    break-inside: avoid;
  }
  .chart-box svg {
    min-width: 0;
  }
  .level,
  .late,
  section.alert,
  tr.breached td,
  th,
  svg {
    print-color-adjust: exact;
    -webkit-print-color-adjust: exact;
  }
}
`;
