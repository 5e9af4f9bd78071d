import { Controller, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { readFilePart } from '../../common/http/file-part';
import { TakesFile } from '../../common/http/request-body';
import { IdParamDto } from '../../common/validation/id-param.dto';
import { ImportQueryDto } from './import-query.dto';
import { ImportReportDto } from './import-report.dto';
import { StudentImportService } from './student-import.service';

export const IMPORT_FILE_LIMIT_BYTES = 20 * 1024 * 1024;

@ApiTags('students')
@ApiBearerAuth()
@Controller('cohorts')
export class StudentImportController {
  constructor(private readonly imports: StudentImportService) {}

  /**
   * A county's applicants from a CSV (UTF-8 with or without BOM, or GB18030) or XLSX file, one student a row,
   * headers in English or Chinese. A real import saves every row or none (422 with the report); 201 when saved,
   * 200 for a dry run.
   */
  @Post(':id/students/import')
  @Roles('admin', 'staff')
  @ApiConsumes('multipart/form-data')
  @TakesFile()
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ImportReportDto, description: 'Dry run: the report; 201 with the same shape when saved' })
  @ApiUnprocessableEntityResponse({ type: ImportReportDto, description: 'Errors in the file: nothing saved' })
  async import(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Query() query: ImportQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReportDto> {
    const file = await readFilePart(request, IMPORT_FILE_LIMIT_BYTES);
    const report = await this.imports.import(actor, id, file, { dryRun: query.dryRun, encoding: query.encoding });
    reply.status(query.dryRun ? HttpStatus.OK : HttpStatus.CREATED);
    return report;
  }
}
