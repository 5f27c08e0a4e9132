// Control: what a page may import (contracts and pure common helpers through the @common alias).
import { reportInputs } from '@common/contracts/report';
import { formatFen } from '@common/money';

export const probe = { reportInputs, formatFen };
