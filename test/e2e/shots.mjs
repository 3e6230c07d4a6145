export async function shoot() { throw new Error('not yet'); }
