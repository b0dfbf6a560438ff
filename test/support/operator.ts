import type { Operator } from '../../server/operator.js';

/**
 * An operator's identity as a controller would configure it, with texts in both languages
 * and characters that must reach the page as text (`&`, quotes), not as markup.
 */
export const TEST_OPERATOR: Operator = {
  controllerName: { sl: 'Zavod za preskusno zdravje & Co.', en: 'Institute of Test Health & Co.' },
  controllerAddress: 'Preskusna ulica 1, 1000 Ljubljana',
  controllerEmail: 'info@preskus.example',
  dpoEmail: 'dpo@preskus.example',
  dpoAddress: 'Preskusna ulica 1, p.p. 7, 1000 Ljubljana',
  hostingCountry: 'SI',
  hostingProvider: 'Gostitelj "Oblak" d.o.o.',
  legalBasis: { sl: 'Zakon o nalezljivih boleznih (ZNB), 7. člen', en: 'Communicable Diseases Act (ZNB), Article 7' },
  sourceCode: 'https://code.preskus.example/symptoms',
  noticeDate: '2026-12-01',
};

/** The same identity as OPERATOR_* variables: one text for both languages. */
export const TEST_OPERATOR_ENV: Record<string, string> = {
  OPERATOR_CONTROLLER_NAME: 'Zavod za preskusno zdravje',
  OPERATOR_CONTROLLER_ADDRESS: 'Preskusna ulica 1, 1000 Ljubljana',
  OPERATOR_CONTROLLER_EMAIL: 'info@preskus.example',
  OPERATOR_DPO_EMAIL: 'dpo@preskus.example',
  OPERATOR_HOSTING_COUNTRY: 'si',
  OPERATOR_LEGAL_BASIS: 'Zakon o nalezljivih boleznih (ZNB)',
  OPERATOR_NOTICE_DATE: '2026-12-01',
};
