export { incidentWorkflow } from './incident-workflow';
export { directMessageWorkflow } from './direct-message';
export { hazardWorkflow } from './hazard-workflow';
