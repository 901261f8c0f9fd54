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
.level.dark-text {
  color: #1b1f24;
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
@media (min-width: 48rem) {
  main {
    padding: 2rem 1rem;
  }
  h1 {
    font-size: 1.625rem;
  }
}
`;
