import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { JobsModule } from '../jobs/jobs.module';
import { AgreementBatchService } from './agreement-batch.service';
import { AgreementBundleService } from './agreement-bundle.service';
import { AgreementSources } from './agreement-sources';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';
import { AgreementTemplates } from './document/agreement-templates';

@Module({
  imports: [AuditModule, JobsModule],
  controllers: [AgreementsController],
  providers: [AgreementsService, AgreementBatchService, AgreementBundleService, AgreementSources, AgreementTemplates],
  exports: [AgreementsService, AgreementBatchService, AgreementBundleService],
})
export class AgreementsModule {}
