// The plan pages' part of the stylesheet (appended to style.ts's). Mobile first: one column at 360 px,
// each picture scrolling sideways in its own box at its natural size, so its text stays readable; from
// a desk width the pictures shrink to fit when they are wider than the page.

export const PLAN_STYLES = `main:has(> .plan-page) {
  max-width: 84rem;
}
/* White on the orange level is 3.0:1, under WCAG AA: dark text, as level-colour.ts draws it in pictures
   (style.ts should say this for every page; until it does, the plan pages say it for themselves). */
.plan-page .level-orange {
  color: #1b1f24;
}
.plan-page h1 {
  overflow-wrap: anywhere;
}
.plan-page .crumbs {
  margin: 0;
}
ul.plan-list {
  list-style: none;
  padding: 0;
  margin: 0.75rem 0;
  display: grid;
  gap: 0.75rem;
}
ul.plan-list > li {
  background: var(--paper);
  border: 1px solid var(--line);
  border-radius: 8px;
  padding: 0.75rem 1rem;
}
ul.plan-list h2 {
  margin: 0 0 0.25rem;
  font-size: 1.0625rem;
}
ul.plan-list h2 a {
  display: inline-block;
  min-height: 44px;
  padding: 0.5rem 0;
  overflow-wrap: anywhere;
}
ul.plan-list p {
  margin: 0.25rem 0;
}
.chips {
  display: inline-flex;
  flex-wrap: wrap;
  gap: 0.25rem 0.375rem;
  align-items: center;
}
nav.plan-toc {
  display: flex;
  flex-wrap: wrap;
  gap: 0 1rem;
  margin: 0.5rem 0;
}
nav.plan-toc a {
  display: inline-flex;
  align-items: center;
  min-height: 44px;
}
section.plan {
  overflow-wrap: anywhere;
}
ul.plan-levels {
  list-style: none;
  padding: 0;
  margin: 0;
}
ul.plan-levels > li + li {
  border-top: 1px solid var(--line);
  margin-top: 0.75rem;
  padding-top: 0.75rem;
}
ul.plan-levels p {
  margin: 0.25rem 0;
}
.level-line {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem 0.75rem;
  align-items: baseline;
}
.lead {
  font-weight: 600;
}
.thresholds {
  color: var(--muted);
}
ul.role-list > li {
  display: flex;
  flex-wrap: wrap;
  gap: 0 0.5rem;
  align-items: baseline;
}
.diagram-box {
  background: var(--paper);
  border: 1px solid var(--line);
  border-radius: 6px;
  padding: 0.5rem;
  margin-top: 0.75rem;
}
/* On a phone a picture keeps its natural size and scrolls in its box; never the page itself. */
.diagram-box svg.diagram {
  display: block;
  max-width: none;
  height: auto;
  margin: 0 auto;
}
p.scroll-hint {
  margin: 0 0 0.25rem;
}
figure.diagram-figure {
  margin: 0;
}
p.legend-levels {
  font-size: 0.875rem;
  color: var(--muted);
  margin: 0.25rem 0 0;
}
.legend-level {
  display: inline-block;
  margin-right: 0.75rem;
}
ol.plan-steps {
  list-style: decimal;
  padding-left: 1.5rem;
  margin: 0;
}
ol.plan-steps > li + li {
  border-top: 1px solid var(--line);
  margin-top: 0.75rem;
  padding-top: 0.5rem;
}
ol.plan-steps h3 {
  margin: 0.25rem 0 0.5rem;
  font-size: 1rem;
}
ol.plan-steps dl.facts {
  grid-template-columns: 1fr;
  gap: 0;
}
ol.plan-steps dl.facts dd {
  margin-bottom: 0.375rem;
}
.kind {
  display: inline-block;
  font-size: 0.8125rem;
  font-weight: 600;
  padding: 0 0.375rem;
  border: 1px solid currentColor;
  border-radius: 4px;
  vertical-align: 1px;
}
.kind-task {
  color: #0b57d0;
}
.kind-approval {
  color: #9a4d00;
}
.kind-notify {
  color: #1a7f37;
}
.kind-monitor {
  color: #6639ba;
}
.kind-review {
  color: #424a53;
}
.figure-tag {
  font-weight: 400;
  font-size: 0.8125rem;
  color: var(--muted);
}
table.plan-stats caption {
  text-align: left;
  color: var(--muted);
  font-size: 0.875rem;
  padding-bottom: 0.25rem;
}
table.plan-stats th[scope='row'] {
  white-space: normal;
  background: none;
  color: var(--ink);
  font-weight: 400;
}
table.plan-stats td {
  white-space: nowrap;
}
.count {
  white-space: nowrap;
  margin-right: 0.5rem;
}
@media (min-width: 48rem) {
  .diagram-box svg.diagram {
    max-width: 100%;
  }
  p.scroll-hint {
    display: none;
  }
  ol.plan-steps dl.facts {
    grid-template-columns: max-content 1fr;
    gap: 0.125rem 0.75rem;
  }
  ol.plan-steps dl.facts dd {
    margin-bottom: 0;
  }
  .plan-roles {
    display: grid;
    grid-template-columns: minmax(16rem, 1fr) minmax(0, 1.4fr);
    gap: 1rem;
    align-items: start;
  }
  .plan-roles .diagram-box {
    margin-top: 0;
  }
}
@media print {
  .diagram-box {
    overflow: visible;
    border: 0;
  }
  .diagram-box svg.diagram {
    max-width: 100%;
  }
  nav.plan-toc {
    display: none;
  }
}
`;
