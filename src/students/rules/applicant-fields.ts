// Limits on an applicant's fields, shared by single intake (the DTO) and bulk import (row checks),
// so a value accepted one way is accepted the other way too. Lengths match the student table's columns.

export const MAX_NAME_LENGTH = 64;
export const MAX_REGION_LENGTH = 32;
export const MAX_MAJOR_CODE_LENGTH = 16;
export const MAX_PREFERENCES = 10;
export const MIN_EXAM_SCORE = 0;
export const MAX_EXAM_SCORE = 1000;

/** Digits, spaces, + and -, 7 to 20 characters: 13800001234, +86 138 0000 1234, 0572-6012345. */
export const PHONE_PATTERN = /^(?=.*\d)[\d +-]{7,20}$/;
