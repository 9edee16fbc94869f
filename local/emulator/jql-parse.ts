// JQL syntax: the tokenizer, the parser and the query tree for the subset of Jira Query Language
// the app sends (see jql.ts, which evaluates it).

export class JqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqlError';
  }
}

export type FieldRef =
  | { kind: 'name'; name: string; quoted: boolean; path: string[] }
  | { kind: 'cf'; id: number; path: string[] }
  | { kind: 'property'; key: string; path: string[] };

export type Literal =
  | { kind: 'string'; text: string }
  | { kind: 'word'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'fn'; name: string; args: string[] };

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type Expr =
  | { type: 'clause'; field: FieldRef; op: Operator; values: Literal[] }
  | { type: 'and'; items: Expr[] }
  | { type: 'or'; items: Expr[] }
  | { type: 'not'; expr: Expr };

export interface OrderItem {
  field: FieldRef;
  dir: 'ASC' | 'DESC';
}

export interface JqlQuery {
  where: Expr | null;
  orderBy: OrderItem[];
}

// ---------------------------------------------------------------- tokenizer

/** `pos` is where the token starts, `end` just after it (the JQL-function pass replaces clauses by position). */
export type Token =
  | { t: 'str'; v: string; pos: number; end: number }
  | { t: 'word'; v: string; pos: number; end: number }
  | { t: 'op'; v: string; pos: number; end: number }
  | { t: 'punct'; v: '(' | ')' | ',' | '[' | ']'; pos: number; end: number };

const WORD_CHAR = /[\p{L}\p{N}_\-.:+@/*]/u;

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      let v = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        v += src[i];
        i++;
      }
      if (i >= src.length) throw new JqlError(`Error in the JQL Query: unterminated string starting at character ${start}.`);
      i++;
      out.push({ t: 'str', v, pos: start, end: i });
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === '[' || c === ']') {
      out.push({ t: 'punct', v: c, pos: i, end: i + 1 });
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=' || two === '!~') {
      out.push({ t: 'op', v: two, pos: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (c === '=' || c === '<' || c === '>' || c === '~') {
      out.push({ t: 'op', v: c, pos: i, end: i + 1 });
      i++;
      continue;
    }
    if (WORD_CHAR.test(c)) {
      const start = i;
      while (i < src.length && WORD_CHAR.test(src[i]!)) i++;
      out.push({ t: 'word', v: src.slice(start, i), pos: start, end: i });
      continue;
    }
    throw new JqlError(`Error in the JQL Query: the character '${c}' at position ${i} is a reserved JQL character.`);
  }
  return out;
}

// ---------------------------------------------------------------- parser

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token | undefined {
    return this.toks[this.i];
  }
  private next(): Token {
    const t = this.toks[this.i++];
    if (!t) throw new JqlError('Error in the JQL Query: the query ended unexpectedly.');
    return t;
  }
  private isWord(t: Token | undefined, ...words: string[]): boolean {
    return t?.t === 'word' && words.includes(t.v.toLowerCase());
  }
  private expectPunct(v: string): void {
    const t = this.next();
    if (t.t !== 'punct' || t.v !== v) throw new JqlError(`Error in the JQL Query: expected '${v}' at position ${t.pos}.`);
  }

  parse(): JqlQuery {
    let where: Expr | null = null;
    if (this.peek() && !this.isWord(this.peek(), 'order')) where = this.parseOr();
    const orderBy: OrderItem[] = [];
    if (this.isWord(this.peek(), 'order')) {
      this.next();
      if (!this.isWord(this.peek(), 'by')) throw new JqlError("Error in the JQL Query: expected 'by' after 'order'.");
      this.next();
      for (;;) {
        const field = this.parseField();
        let dir: 'ASC' | 'DESC' = 'ASC';
        if (this.isWord(this.peek(), 'asc', 'desc')) dir = (this.next().v.toUpperCase() as 'ASC' | 'DESC');
        orderBy.push({ field, dir });
        const t = this.peek();
        if (t?.t === 'punct' && t.v === ',') {
          this.next();
          continue;
        }
        break;
      }
    }
    const rest = this.peek();
    if (rest) throw new JqlError(`Error in the JQL Query: unexpected '${rest.v}' at position ${rest.pos}.`);
    return { where, orderBy };
  }

  private parseOr(): Expr {
    const items = [this.parseAnd()];
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0]! : { type: 'or', items };
  }

  private parseAnd(): Expr {
    const items = [this.parseNot()];
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      items.push(this.parseNot());
    }
    return items.length === 1 ? items[0]! : { type: 'and', items };
  }

  private parseNot(): Expr {
    const t = this.peek();
    if (this.isWord(t, 'not')) {
      this.next();
      return { type: 'not', expr: this.parseNot() };
    }
    if (t?.t === 'punct' && t.v === '(') {
      this.next();
      const e = this.parseOr();
      this.expectPunct(')');
      return e;
    }
    return this.parseClause();
  }

  private parsePath(): string[] {
    const path: string[] = [];
    const t = this.peek();
    if (t?.t === 'word' && t.v.startsWith('.')) {
      this.next();
      path.push(...t.v.split('.').filter((s) => s.length > 0));
    }
    return path;
  }

  parseField(): FieldRef {
    const t = this.next();
    if (t.t === 'str') return { kind: 'name', name: t.v, quoted: true, path: this.parsePath() };
    if (t.t !== 'word') throw new JqlError(`Error in the JQL Query: expected a field name at position ${t.pos}.`);
    const low = t.v.toLowerCase();
    const nt = this.peek();
    if (low === 'cf' && nt?.t === 'punct' && nt.v === '[') {
      this.next();
      const idTok = this.next();
      const id = Number(idTok.v);
      if (!Number.isInteger(id)) throw new JqlError(`Error in the JQL Query: cf[] needs a numeric id at position ${idTok.pos}.`);
      this.expectPunct(']');
      return { kind: 'cf', id, path: this.parsePath() };
    }
    if (low === 'issue.property' && nt?.t === 'punct' && nt.v === '[') {
      this.next();
      const keyTok = this.next();
      if (keyTok.t !== 'str' && keyTok.t !== 'word') throw new JqlError(`Error in the JQL Query: expected a property key at position ${keyTok.pos}.`);
      this.expectPunct(']');
      const path = this.parsePath();
      if (path.length === 0) throw new JqlError(`Error in the JQL Query: issue.property[${keyTok.v}] needs a path such as .state.`);
      return { kind: 'property', key: keyTok.v, path };
    }
    // `field.prop` written without quotes (e.g. slaState.x) keeps the dotted tail as a path.
    const [head, ...tail] = t.v.split('.');
    return { kind: 'name', name: head!, quoted: false, path: tail };
  }

  private parseLiteral(): Literal {
    const t = this.next();
    if (t.t === 'str') return { kind: 'string', text: t.v };
    if (t.t !== 'word') throw new JqlError(`Error in the JQL Query: expected a value at position ${t.pos}.`);
    const nt = this.peek();
    if (nt?.t === 'punct' && nt.v === '(') {
      this.next();
      const args: string[] = [];
      for (;;) {
        const a = this.next();
        if (a.t === 'punct' && a.v === ')') break;
        if (a.t === 'punct' && a.v === ',') continue;
        args.push(a.v);
      }
      return { kind: 'fn', name: t.v.toLowerCase(), args };
    }
    if (/^-?\d+(\.\d+)?$/.test(t.v)) return { kind: 'number', text: t.v };
    return { kind: 'word', text: t.v };
  }

  private parseClause(): Expr {
    const field = this.parseField();
    const t = this.next();
    if (t.t === 'op') {
      return { type: 'clause', field, op: t.v as Operator, values: [this.parseLiteral()] };
    }
    if (t.t === 'word') {
      const w = t.v.toLowerCase();
      if (w === 'is') {
        let op: Operator = 'is';
        if (this.isWord(this.peek(), 'not')) {
          this.next();
          op = 'is not';
        }
        const v = this.next();
        if (v.t !== 'word' || !['empty', 'null'].includes(v.v.toLowerCase())) {
          throw new JqlError(`Error in the JQL Query: IS must be followed by EMPTY or NULL at position ${v.pos}.`);
        }
        return { type: 'clause', field, op, values: [] };
      }
      let op: Operator | null = null;
      if (w === 'in') op = 'in';
      else if (w === 'not' && this.isWord(this.peek(), 'in')) {
        this.next();
        op = 'not in';
      }
      if (op) {
        this.expectPunct('(');
        const values: Literal[] = [];
        for (;;) {
          const p = this.peek();
          if (p?.t === 'punct' && p.v === ')') {
            this.next();
            break;
          }
          values.push(this.parseLiteral());
          const sep = this.peek();
          if (sep?.t === 'punct' && sep.v === ',') this.next();
        }
        return { type: 'clause', field, op, values };
      }
    }
    throw new JqlError(`Error in the JQL Query: expected an operator after the field at position ${t.pos}.`);
  }
}

export function parseJql(src: string): JqlQuery {
  return new Parser(tokenize(src)).parse();
}
