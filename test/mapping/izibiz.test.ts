import { describe, expect, it } from 'vitest'
import { izibizArchiveStatusTable, izibizElementTable, izibizInvoiceStatusTable } from '../../providers/izibiz/mapping.js'
import { everyRow } from './rows.js'

const row = (table: Record<string, string>) => (value: string) => table[value]

describe('İzibiz tables, every row', () => {
  it('e-Arşiv HEADER.STATUS (earsiv/_getearchivestatus.md)', () =>
    everyRow(izibizArchiveStatusTable, row(izibizArchiveStatusTable), {
      '100': 'issuing', '105': 'issuing', '110': 'issuing', '120': 'issued', '130': 'issued', '150': 'cancelled', '200': 'failed',
    }))

  it('e-Fatura INVOICE_STATUS.STATUS, read by code and by STATUS_SUBSTATUS name alike', () => {
    const codes: Record<string, [string, string]> = {
      '100': ['LOAD_SUCCEED', 'issuing'], '101': ['LOAD_SUCCEED', 'issuing'], '102': ['LOAD_PROCESSING', 'issuing'],
      '103': ['PACKAGE_PROCESSING', 'issuing'], '104': ['PACKAGE_SUCCEED', 'issuing'], '105': ['PACKAGE_FAILED', 'issuing'],
      '106': ['SIGN_PROCESSING', 'issuing'], '107': ['SIGN_SUCCEED', 'issuing'], '109': ['SEND_WAIT_GIB_RESPONSE', 'issuing'],
      '110': ['SEND_WAIT_SYSTEM_RESPONSE', 'issuing'], '111': ['SEND_WAIT_APPLICATION_RESPONSE', 'issued'], '112': ['ACCEPTED_SUCCEED', 'issued'],
      '117': ['REJECTED_WAIT_SYSTEM_RESPONSE', 'failed'], '120': ['REJECTED_SUCCEED', 'failed'], '134': ['SEND_TIMEOUT', 'issuing'],
      '135': ['SEND_PROCESSING', 'issuing'], '136': ['SEND_FAILED', 'failed'], '137': ['SEND_SUCCEED', 'issued'],
      '139': ['AUTO_FAILED', 'failed'], '140': ['LOAD_ID_ASSIGNED', 'issuing'], '141': ['LOAD_WAIT_ID_ASSIGNED', 'issuing'],
    }
    const expected: Record<string, string> = {}
    for (const [code, [name, status]] of Object.entries(codes)) {
      expected[code] = status
      // 100 and 101 share LOAD_SUCCEED; every name that appears means the same status as its codes.
      expected[name] = status
    }
    everyRow(izibizInvoiceStatusTable, row(izibizInvoiceStatusTable), expected)
  })

  it('the UBL element a validation fault names -> the field of kopru’s request', () =>
    everyRow(izibizElementTable, row(izibizElementTable), {
      PartyIdentification: 'body.buyer.tax_id',
      PartyTaxScheme: 'body.buyer.tax_office',
      Percent: 'body.lines',
      DocumentCurrencyCode: 'body.currency',
      IssueDate: 'body.issue_date',
    }))
})
