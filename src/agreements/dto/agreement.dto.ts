import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AGREEMENT_KINDS, AgreementKind } from '../agreement-kind';
import { AgreementEntity } from '../agreement.entity';
import { AGREEMENT_LANGUAGES, AgreementLanguage } from '../document/document-model';
import { formatCode } from '../rules/verification-code';

export class CreateAgreementDto {
  @ApiProperty({ enum: AGREEMENT_KINDS })
  @IsIn(AGREEMENT_KINDS)
  kind!: AgreementKind;
}

/** `?lang=bilingual` keeps an English line under each clause; Chinese only by default. */
export class AgreementLanguageQueryDto {
  @ApiProperty({ enum: AGREEMENT_LANGUAGES, required: false, default: 'zh' })
  @IsOptional()
  @IsIn(AGREEMENT_LANGUAGES)
  lang?: AgreementLanguage;
}

/** A page form's "with English lines" box. */
export const languageOf = (form: { lang?: string }): AgreementLanguage => (form.lang === 'bilingual' ? 'bilingual' : 'zh');

/** `?kind=` of GET /api/cohorts/:id/agreements/bundle. */
export class BundleQueryDto {
  @ApiProperty({ enum: AGREEMENT_KINDS })
  @IsIn(AGREEMENT_KINDS)
  kind!: AgreementKind;
}

export class AgreementResponseDto {
  id!: number;
  studentId!: number;
  @ApiProperty({ enum: AGREEMENT_KINDS })
  kind!: AgreementKind;
  /** 1 for the first agreement of this kind for the student; every new one is the next version. */
  version!: number;
  @ApiProperty({ enum: AGREEMENT_LANGUAGES })
  language!: AgreementLanguage;
  /** SHA-256 (hex) of the exact bytes GET /api/agreements/:id/pdf serves. */
  sha256!: string;
  /** The code printed in the footer, e.g. K7QM-2XPD-9RTA. */
  verificationCode!: string;
  /** The enterprise party, which may read the agreement; null when there is none. */
  enterpriseId!: number | null;
  sizeBytes!: number;
  /** ISO-8601 UTC */
  createdAt!: string;
}

export class AgreementPageDto {
  items!: AgreementResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export class VerificationResponseDto {
  valid!: true;
  @ApiProperty({ enum: AGREEMENT_KINDS })
  kind!: AgreementKind;
  version!: number;
  /** The newest version of this kind for the same student; a higher number means this copy was superseded. */
  latestVersion!: number;
  /** ISO-8601 UTC */
  createdAt!: string;
  /** 张*燕: enough for the holder to recognise. */
  studentNameMasked!: string;
  /** The cohort's name. */
  cohort!: string;
  sha256!: string;
}

export function toAgreementResponse(agreement: AgreementEntity): AgreementResponseDto {
  return {
    id: agreement.id,
    studentId: agreement.studentId,
    kind: agreement.kind,
    version: agreement.version,
    language: agreement.language,
    sha256: agreement.sha256,
    verificationCode: formatCode(agreement.verificationCode),
    enterpriseId: agreement.enterpriseId,
    sizeBytes: agreement.sizeBytes,
    createdAt: agreement.createdAt,
  };
}
