// The office's pages on top of the shared stylesheet: the bar between pages, the wide layout for the
// board and an incident, tables that scroll in their own box on a phone, countdowns, and forms.
export const OFFICE_STYLES = `
main.wide {
  max-width: 72rem;
}
nav.office {
  display: flex;
  flex-wrap: wrap;
  justify-content: space-between;
  align-items: center;
  gap: 0.5rem;
  border-bottom: 1px solid var(--line);
  margin-bottom: 0.75rem;
  padding-bottom: 0.5rem;
}
nav.office ul {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem;
  list-style: none;
  margin: 0;
  padding: 0;
}
nav.office a {
  display: inline-block;
  min-height: 44px;
  padding: 0.6rem 0.75rem;
  border-radius: 6px;
  color: var(--accent);
  text-decoration: none;
}
nav.office a[aria-current='page'] {
  background: var(--paper);
  border: 1px solid var(--line);
  color: var(--ink);
  font-weight: 600;
}
form.sign-out {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.5rem;
  margin: 0;
}
form.sign-out .who {
  color: var(--muted);
}
form.sign-out button {
  width: auto;
  min-height: 44px;
  padding: 0 0.75rem;
  background: transparent;
  color: var(--ink);
  border: 1px solid var(--line);
}
form.filters {
  display: flex;
  flex-wrap: wrap;
  align-items: flex-end;
  gap: 0.5rem 0.75rem;
  margin: 0.5rem 0;
}
form.filters label {
  display: flex;
  flex-direction: column;
  max-width: 100%;
  font-size: 0.875rem;
  color: var(--muted);
}
form.filters label.check {
  flex-direction: row;
  align-items: center;
  gap: 0.25rem;
  min-height: 44px;
}
form.filters select,
form.filters input[type='search'] {
  min-height: 44px;
  font-size: 1rem;
  max-width: 100%;
}
.table-box,
.chart-box {
  overflow-x: auto;
  background: var(--paper);
  border: 1px solid var(--line);
  border-radius: 8px;
}
table.board,
table.steps {
  width: 100%;
  border-collapse: collapse;
  min-width: 40rem;
}
/* The hazard register has three columns: on a phone they wrap rather than scroll sideways. */
table.board.hazards {
  min-width: 0;
}
table.board th,
table.board td,
table.steps th,
table.steps td {
  text-align: left;
  vertical-align: top;
  padding: 0.5rem;
  border-bottom: 1px solid var(--line);
}
table.board a {
  font-weight: 600;
}
.countdown.late,
.breached {
  color: var(--bad);
  font-weight: 600;
}
.countdown.left {
  color: var(--good);
}
.hint {
  color: var(--muted);
}
.pages {
  display: flex;
  gap: 1rem;
}
.pages a {
  display: inline-block;
  min-height: 44px;
  padding: 0.6rem 0;
}
form.stack {
  display: flex;
  flex-direction: column;
  gap: 0.4rem;
}
form.stack input,
form.stack select,
form.stack textarea,
form.stack button {
  font: inherit;
  min-height: 44px;
}
form.stack fieldset {
  border: 1px solid var(--line);
  border-radius: 6px;
  display: flex;
  flex-direction: column;
  gap: 0.4rem;
}
form.input-form {
  border-top: 1px solid var(--line);
  padding-top: 0.75rem;
  margin-top: 0.75rem;
}
form.input-form h3 {
  margin: 0;
  font-size: 1rem;
}
.field {
  display: flex;
  flex-direction: column;
  gap: 0.25rem;
}
.choices,
.counts {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem 1rem;
}
label.choice {
  display: flex;
  align-items: center;
  gap: 0.25rem;
  min-height: 44px;
}
.flash {
  border-radius: 6px;
  padding: 0.75rem;
  margin: 0.5rem 0;
}
.flash.ok {
  background: #dafbe1;
  border: 1px solid var(--good);
}
.flash.problem {
  background: #ffebe9;
  border: 1px solid var(--bad);
}
ol.timeline {
  list-style: none;
  padding: 0;
  margin: 0;
}
ol.timeline li {
  padding: 0.35rem 0;
  border-bottom: 1px solid var(--line);
}
ol.timeline li.human {
  border-left: 3px solid var(--accent);
  padding-left: 0.5rem;
}
.tabs {
  display: flex;
  gap: 1rem;
}
.tabs a {
  display: inline-block;
  min-height: 44px;
  padding: 0.6rem 0;
}
.tabs a[aria-current='true'] {
  font-weight: 600;
  color: var(--ink);
}
svg.incident-chart {
  min-width: 36rem;
  display: block;
}
`;
