import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { processEnv } from '../config/env';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npx typeorm -d dist/database/data-source.js ...`). */
export default new DataSource(dataSourceOptions(loadConfig(processEnv()).database));
