import { main } from '../helper/main.js';

// `git-credential-vault [--profile P] get|store|erase`
void main(process.argv.slice(2));
