// Card-number masking (PCI) lives in the platform so every module — channels, tickets, privacy — uses one implementation.
export { isCardNumber, luhnValid, maskableAttachmentTypes, maskCardNumbers, maskCardNumbersDeep } from '../../platform/card-numbers.ts';
