import { QUESTION_CATEGORY_LABELS } from '../common/contracts/oversight-labels';
import { findAll, type Store } from '../common/store/port';
import { appendPublic, isInChain } from '../record/public';
import type { Step } from './domain/item';
import { itemsOf, stepsOf, type ItemDoc } from './store';

/**
 * The public record of 问题反映: an answer becomes public when the 村监委 verifies it, or when
 * the town closes a question with its conclusion, and then it enters the village's public record
 * chain, for questions whose reporter allowed the answer to be public. The content is the public
 * answer text only, with the question's category and subject: never the reporter's name or id,
 * never the question's own text or photos, never a note of the 村监委.
 */

interface Published {
  /** The step that made the answer public (its seq is the entry's version). */
  step: Step;
  answer: string;
  by: 'cadre' | 'town';
}

/** The publications among an item's steps, in order: each answer that became public. */
function publicationsOf(steps: Step[]): Published[] {
  const out: Published[] = [];
  let lastAnswer: string | null = null;
  for (const s of [...steps].sort((a, b) => a.seq - b.seq)) {
    if (s.kind === 'answered') lastAnswer = s.text;
    else if (s.kind === 'verified' && lastAnswer !== null)
      out.push({ step: s, answer: lastAnswer, by: 'cadre' });
    else if (s.kind === 'closed' && s.actor.role === 'town')
      out.push({ step: s, answer: s.text, by: 'town' });
  }
  return out;
}

function publicContentOf(item: ItemDoc, p: Published) {
  return {
    itemId: item._id,
    villageId: item.villageId,
    category: item.category,
    subjectTitle: item.subjectTitle,
    answer: p.answer,
    answeredBy: p.by,
    publishedAt: p.step.at,
  };
}

const labelOf = (item: ItemDoc) =>
  `${item.subjectTitle ?? QUESTION_CATEGORY_LABELS[item.category]}的问题答复`;

const stepsOfItem = (store: Store, itemId: string) =>
  findAll(stepsOf(store), { itemId }, { sort: { seq: 1 } });

/**
 * Appends every public answer of the item not yet in the chain (once each: a retry, or a later
 * command on the item, finds the entries there). Nothing for a question kept private.
 */
export async function appendPublicAnswers(store: Store, item: ItemDoc): Promise<void> {
  if (!item.allowPublic) return;
  for (const p of publicationsOf(await stepsOfItem(store, item._id))) {
    // Read first: a refused command that only checks for a missing entry writes nothing.
    if (await isInChain(store, item.villageId, 'answer', item._id, p.step.seq)) continue;
    await appendPublic(store, {
      villageId: item.villageId,
      townId: item.townId,
      kind: 'answer',
      recordId: item._id,
      version: p.step.seq,
      label: labelOf(item),
      at: p.step.at,
      content: publicContentOf(item, p),
    });
  }
}

/** The public content of the answer published by step `seq`, as stored now (null when gone). */
export async function answerContent(store: Store, itemId: string, seq: number): Promise<unknown | null> {
  const item = await itemsOf(store).get(itemId);
  if (!item || !item.allowPublic) return null;
  const p = publicationsOf(await stepsOfItem(store, itemId)).find((x) => x.step.seq === seq);
  return p ? publicContentOf(item, p) : null;
}
