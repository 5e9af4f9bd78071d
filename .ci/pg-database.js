// Creates or drops one PostgreSQL database for a CI run: node .ci/pg-database.js create|drop <admin-url> <name>
const { Client } = require('pg');

async function main() {
  const [action, adminUrl, name] = process.argv.slice(2);
  if (!['create', 'drop'].includes(action) || !adminUrl || !/^[a-z0-9_]+$/.test(name ?? '')) {
    throw new Error('usage: pg-database.js create|drop <admin-url> <name>');
  }
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    if (action === 'create') await client.query(`CREATE DATABASE ${name}`);
    console.log(`${action === 'create' ? 'Created' : 'Dropped'} database ${name}`);
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(`pg-database: ${error.message}`);
  process.exit(1);
});
