import { defineInput } from '../define-input';
import { contract } from './contract';
import { apply, validate } from './rules';

export const raiseQuestion = defineInput(contract, { validate, apply });
export type * from './contract';
