import { makePng } from './png';
import { MessageFlags, type OutgoingMessage } from './types';

/** What a sample may vary on, so that repeated sends differ. */
export interface SampleContext {
  now: Date;
  /** the workspace (or folder) name */
  workspace: string;
  /** how many samples were sent in this session, starting at 1 */
  counter: number;
  /** for the thread sample: the thread to post into */
  threadId?: string;
}

export interface DiscordSample {
  id: string;
  title: string;
  description: string;
  build(ctx: SampleContext): OutgoingMessage;
}

export function defaultSampleContext(partial: Partial<SampleContext> = {}): SampleContext {
  return { now: new Date(), workspace: 'my-project', counter: 1, ...partial };
}

const BLURPLE = 0x5865f2;
const GREEN = 0x57f287;
const YELLOW = 0xfee75c;
const RED = 0xed4245;
const AVATAR = 'https://cdn.discordapp.com/embed/avatars/0.png';
/** a placeholder thread id; a real one comes from the thread's "Copy Thread ID" */
const EXAMPLE_THREAD_ID = '1100000000000000001';

const unix = (d: Date) => Math.floor(d.getTime() / 1000);
const footer = (ctx: SampleContext) => ({ text: `${ctx.workspace} · sample #${ctx.counter}` });

export const samples: readonly DiscordSample[] = [
  {
    id: 'plain-text',
    title: 'Plain text',
    description: 'The classic first webhook: one line of text.',
    build: (ctx) => ({ payload: { content: `New user has registered! (#${ctx.counter}, <t:${unix(ctx.now)}:T>)` } }),
  },
  {
    id: 'rich-embed',
    title: 'Rich embed',
    description: 'An embed with title link, colour, author, thumbnail, image, footer and timestamp.',
    build: (ctx) => ({
      payload: {
        embeds: [{
          title: `Deploy #${ctx.counter} finished`,
          url: 'https://example.com/deploys/latest',
          description: `**${ctx.workspace}** is live.\nChanges: *faster search*, __new settings page__, ~~old banner~~ removed. See \`CHANGELOG.md\`.`,
          color: GREEN,
          author: { name: 'ApiHook CI', url: 'https://example.com', icon_url: AVATAR },
          thumbnail: { url: 'https://cdn.discordapp.com/embed/avatars/1.png' },
          image: { url: 'https://cdn.discordapp.com/embed/avatars/2.png' },
          footer: { ...footer(ctx), icon_url: AVATAR },
          timestamp: ctx.now.toISOString(),
        }],
      },
    }),
  },
  {
    id: 'fields',
    title: 'Embed with fields',
    description: 'Inline fields side by side, then full-width fields.',
    build: (ctx) => ({
      payload: {
        embeds: [{
          title: 'New order',
          color: BLURPLE,
          fields: [
            { name: 'Order', value: `#${1000 + ctx.counter}`, inline: true },
            { name: 'Total', value: '€42.00', inline: true },
            { name: 'Items', value: '3', inline: true },
            { name: 'Shipping address', value: '1 Example Street\n1000 Brussels' },
            { name: 'Note', value: 'Leave at the door, please.' },
          ],
          footer: footer(ctx),
          timestamp: ctx.now.toISOString(),
        }],
      },
    }),
  },
  {
    id: 'several-embeds',
    title: 'Several embeds',
    description: 'Three embeds in one message: a status board.',
    build: (ctx) => ({
      payload: {
        content: `Status at <t:${unix(ctx.now)}:f>`,
        embeds: [
          { title: 'API', description: 'Operational', color: GREEN },
          { title: 'Workers', description: 'Degraded: queue is 2 minutes behind', color: YELLOW },
          { title: 'Database', description: 'Down since 10:02', color: RED, footer: footer(ctx) },
        ],
      },
    }),
  },
  {
    id: 'username-avatar',
    title: 'Username and avatar override',
    description: 'Posts under another name and picture than the webhook’s own.',
    build: (ctx) => ({
      payload: { username: 'Build Bot', avatar_url: AVATAR, content: `Build ${ctx.counter} of ${ctx.workspace} passed ✅` },
    }),
  },
  {
    id: 'safe-mentions',
    title: 'Mentions made safe',
    description: 'Text with @everyone and a user mention that pings nobody (allowed_mentions).',
    build: (ctx) => ({
      payload: {
        content: `@everyone <@80351110224678912> said: "ship it" (#${ctx.counter})`,
        allowed_mentions: { parse: [] },
      },
    }),
  },
  {
    id: 'silent',
    title: 'Silent message',
    description: 'Delivered without a push or desktop notification (SUPPRESS_NOTIFICATIONS).',
    build: (ctx) => ({
      payload: { content: `Nightly backup of ${ctx.workspace} done (#${ctx.counter}).`, flags: MessageFlags.SUPPRESS_NOTIFICATIONS },
    }),
  },
  {
    id: 'forum-post',
    title: 'Forum post',
    description: 'Creates a new post in a forum or media channel (thread_name).',
    build: (ctx) => ({
      payload: {
        thread_name: `Bug report #${ctx.counter}`,
        content: 'Steps: open settings, click Save. Expected: saved. Actual: spinner forever.',
      },
    }),
  },
  {
    id: 'thread-reply',
    title: 'Reply in a thread',
    description: 'Posts into an existing thread (thread_id query parameter).',
    build: (ctx) => ({
      payload: { content: `Follow-up #${ctx.counter}: fixed in the latest build.` },
      threadId: ctx.threadId ?? EXAMPLE_THREAD_ID,
    }),
  },
  {
    id: 'file-upload',
    title: 'File upload',
    description: 'Multipart upload of a PNG shown as the embed image (attachment://).',
    build: (ctx) => {
      const name = `chart-${ctx.counter}.png`;
      return {
        payload: {
          content: 'Weekly chart attached.',
          embeds: [{ title: 'Signups this week', color: BLURPLE, image: { url: `attachment://${name}` }, footer: footer(ctx) }],
          attachments: [{ id: 0, filename: name, description: 'A gradient standing in for a chart' }],
        },
        files: [{ name, contentType: 'image/png', data: makePng(32, 16, BLURPLE, GREEN) }],
      };
    },
  },
  {
    id: 'poll',
    title: 'Poll',
    description: 'A poll with four answers, open for 24 hours.',
    build: (ctx) => ({
      payload: {
        poll: {
          question: { text: `Where should the team lunch #${ctx.counter} be?` },
          answers: [
            { poll_media: { text: 'Pizza', emoji: { name: '🍕' } } },
            { poll_media: { text: 'Sushi', emoji: { name: '🍣' } } },
            { poll_media: { text: 'Tacos', emoji: { name: '🌮' } } },
            { poll_media: { text: 'Salad', emoji: { name: '🥗' } } },
          ],
          duration: 24,
          allow_multiselect: false,
        },
      },
    }),
  },
];

export function findSample(id: string): DiscordSample | undefined {
  return samples.find((s) => s.id === id);
}
