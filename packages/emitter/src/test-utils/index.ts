export { createManualClock, type ManualClock } from './create-manual-clock';
export { recordEmissions, type EmissionRecord } from './record-emissions';
