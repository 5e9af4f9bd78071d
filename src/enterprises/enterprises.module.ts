import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProgramsModule } from '../programs/programs.module';
import { EnterprisesController } from './enterprises.controller';
import { EnterprisesRepository } from './enterprises.repository';
import { EnterprisesService } from './enterprises.service';
import { QuotasController } from './quotas.controller';
import { QuotasService } from './quotas.service';

@Module({
  imports: [AuditModule, ProgramsModule],
  controllers: [EnterprisesController, QuotasController],
  providers: [EnterprisesService, QuotasService, EnterprisesRepository],
  exports: [EnterprisesRepository, EnterprisesService, QuotasService],
})
export class EnterprisesModule {}
