// The live checks as the extension loads them: a bundle of its own (dist/live.js), required on the first
// live command, so activation never loads kafkajs and the AWS signer. No `vscode` import here.
export { runLiveChecks, CHECKS, connectionSettings, LiveError, kafkaJsClient } from '../../live';
export { readFleet } from '../../live/fleet';
