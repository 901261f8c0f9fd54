// The people and roles pages' part of the stylesheet (appended to STYLESHEET). Mobile first: on a phone
// each person is a card with the column names beside the values; from a desk width the same markup is a
// table. Every control is at least 44 px tall. Scoped under .people so no other page changes.

export const PEOPLE_STYLES = `
main:has(.people-list) {
  max-width: 76rem;
}
.people .visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
}
.people-head {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 0.5rem 1rem;
}
.people a.button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  min-height: 44px;
  padding: 0 1.25rem;
  border-radius: 8px;
  background: var(--accent);
  color: #fff;
  font-weight: 600;
  text-decoration: none;
}
.people p.back {
  margin: 0;
}
.people p.back a {
  display: inline-flex;
  align-items: center;
  min-height: 44px;
}
.people code {
  color: var(--muted);
}
.people .tag {
  display: inline-block;
  padding: 0 0.375rem;
  border-radius: 4px;
  background: var(--wash);
  border: 1px solid var(--line);
  font-size: 0.8125rem;
  color: var(--muted);
}
.people .state {
  display: inline-block;
  padding: 0 0.5rem;
  border-radius: 4px;
  font-size: 0.875rem;
  font-weight: 600;
  vertical-align: middle;
}
.people .state.on {
  color: var(--good);
  border: 1px solid var(--good);
}
.people .state.off {
  color: var(--muted);
  border: 1px dashed var(--muted);
}
dl.plan-roles {
  margin: 0;
}
dl.plan-roles dt {
  color: var(--muted);
  font-size: 0.8125rem;
}
dl.plan-roles dd {
  margin: 0 0 0.375rem;
}

/* A phone: each row a card, the column's name above each value. */
.people-list {
  background: none;
  border: 0;
  padding: 0;
}
.people-table,
.people-table tbody,
.people-table tr,
.people-table th,
.people-table td,
.keys-table,
.keys-table tbody,
.keys-table tr,
.keys-table td {
  display: block;
  width: 100%;
  max-width: none;
  min-width: 0;
}
.people-table thead,
.keys-table thead {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
}
.people-table tr,
.keys-table tr {
  background: var(--paper);
  border: 1px solid var(--line);
  border-radius: 8px;
  padding: 0.5rem 0.75rem;
  margin-bottom: 0.75rem;
}
.people-table th,
.people-table td,
.keys-table td {
  border: 0;
  padding: 0.25rem 0;
  font-size: 0.9375rem;
  white-space: normal;
  background: none;
  color: var(--ink);
}
.people-table tbody th {
  font-size: 1.0625rem;
}
.people-table tbody th a {
  display: inline-flex;
  align-items: center;
  min-height: 44px;
  margin-right: 0.5rem;
}
.people-table td::before,
.keys-table td::before {
  content: attr(data-label);
  display: block;
  color: var(--muted);
  font-size: 0.8125rem;
  font-weight: 600;
}
/* A one-word value (a state, a count) on the line of its name. */
.people-table td.short::before {
  display: inline;
  margin-right: 0.5rem;
}

/* The form. */
.people .field {
  margin-bottom: 1rem;
}
.people input[type='text'],
.people input[type='email'],
.people input[type='tel'],
.people input[type='url'],
.people input[type='password'],
.people select {
  display: block;
  width: 100%;
  min-height: 44px;
  font: inherit;
  padding: 0.375rem 0.625rem;
  border: 1px solid var(--line);
  border-radius: 8px;
  background: var(--paper);
  color: var(--ink);
}
.people input[aria-invalid='true'],
.people select[aria-invalid='true'] {
  border: 2px solid var(--bad);
}
.people .field .hint {
  margin: 0.25rem 0 0;
}
.people .field-problem {
  color: var(--bad);
  font-weight: 600;
  margin: 0 0 0.25rem;
}
.people .field-problem::before {
  content: '⚠ ';
}
.people .problem ul {
  margin: 0.25rem 0 0;
  padding-left: 1.25rem;
}
.people .problem li a {
  color: var(--bad);
}
.people .notice {
  border-left: 4px solid var(--good);
  background: #f0fff4;
  padding: 0.5rem 0.75rem;
  border-radius: 4px;
}
.people details {
  border-top: 1px solid var(--line);
}
.people details > summary {
  gap: 0.5rem;
  font-weight: 600;
}
/* The summary is a flex box, which drops the browser's own marker: a chevron drawn with borders (no
   glyph a font may lack) says the plan opens, pointing down once open. */
.people details > summary::before {
  content: '';
  flex: none;
  width: 0.5rem;
  height: 0.5rem;
  margin: 0 0.25rem 0 0.125rem;
  border-right: 2px solid var(--muted);
  border-bottom: 2px solid var(--muted);
  transform: rotate(-45deg);
}
.people details[open] > summary::before {
  transform: rotate(45deg);
}
.people summary > span:first-of-type {
  flex: 1;
}
.people summary .count {
  flex: none;
  font-size: 0.8125rem;
  font-weight: 600;
  color: var(--accent);
}
.people details fieldset {
  margin: 0.25rem 0 0.75rem;
}
.people .role-grid {
  display: grid;
  grid-template-columns: 1fr;
  gap: 0.5rem;
}
.people .role-grid .choice {
  margin: 0;
  padding-top: 0.375rem;
  padding-bottom: 0.375rem;
}
.people .choice input {
  flex: none;
}
.people .choice code {
  font-size: 0.75rem;
}

/* Buttons beside the main one: a test message, revoking a key. */
.people button.secondary {
  background: var(--paper);
  color: var(--accent);
  border: 2px solid var(--accent);
}
.people button.danger {
  width: auto;
  min-height: 44px;
  margin: 0 0 0 0.75rem;
  padding: 0 1rem;
  background: var(--paper);
  color: var(--bad);
  border: 1px solid var(--bad);
}
.people form.inline {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
}
.people .issued-key {
  display: block;
  padding: 0.75rem;
  border: 1px dashed var(--ink);
  border-radius: 8px;
  background: var(--wash);
  color: var(--ink);
  font-size: 1.0625rem;
  word-break: break-all;
  user-select: all;
}

@media (min-width: 48rem) {
  .people-list {
    background: var(--paper);
    border: 1px solid var(--line);
    padding: 0.5rem 1rem;
  }
  .people-table,
  .keys-table {
    display: table;
    width: 100%;
  }
  .people-table tbody,
  .keys-table tbody {
    display: table-row-group;
  }
  .people-table thead,
  .keys-table thead {
    position: static;
    display: table-header-group;
    width: auto;
    height: auto;
    overflow: visible;
    clip: auto;
  }
  .people-table tr,
  .keys-table tr {
    display: table-row;
    border: 0;
    padding: 0;
  }
  .people-table th,
  .people-table td,
  .keys-table th,
  .keys-table td {
    display: table-cell;
    width: auto;
    padding: 0.5rem;
    border-bottom: 1px solid var(--line);
  }
  .people-table thead th,
  .keys-table thead th {
    background: var(--wash);
    color: var(--muted);
    white-space: nowrap;
  }
  .people-table td::before,
  .keys-table td::before {
    content: none;
  }
  .people-table tbody th a {
    display: flex;
    min-height: 0;
  }
  .people .role-grid {
    grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
  }
}
`;
