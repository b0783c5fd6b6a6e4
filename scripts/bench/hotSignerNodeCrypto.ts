// For `npm run bench` only: the hot path's signer replaced by node:crypto's, to measure what the design
// card's "no node:crypto on the hot path" buys on this machine.
export { signCodeCommitPassword as signCodeCommitPasswordPortable } from '../../src/codecommit/signCodeCommitPassword.js';
