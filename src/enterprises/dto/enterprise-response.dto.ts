import { EnterpriseEntity } from '../enterprise.entity';

export class EnterpriseResponseDto {
  id!: number;
  name!: string;
  /** Unified Social Credit Code, upper case. */
  creditCode!: string;
  contactName!: string;
  contactPhone!: string;
  /** ISO-8601 UTC */
  createdAt!: string;
}

export class EnterprisePageDto {
  items!: EnterpriseResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export function toEnterpriseResponse(enterprise: EnterpriseEntity): EnterpriseResponseDto {
  return {
    id: enterprise.id,
    name: enterprise.name,
    creditCode: enterprise.creditCode,
    contactName: enterprise.contactName,
    contactPhone: enterprise.contactPhone,
    createdAt: enterprise.createdAt,
  };
}
