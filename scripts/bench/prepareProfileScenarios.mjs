// Bench cases for the vault-backed paths are added as those features land.
export async function prepareProfileScenarios() {
  return [];
}
