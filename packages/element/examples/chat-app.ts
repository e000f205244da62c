// A small Lit app, as the OpenClaw Control UI is one: the session list beside
// a chat whose header shows the chosen session's live dot. The elements come
// from `session-heartbeat-element.js`, loaded by the page; this module only
// uses their tags (and their types).
import type { ElementClientInput, SessionEventDetail } from '@session-heartbeat/element';
import { css, html, LitElement, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

export class HeartbeatChatApp extends LitElement {
  static override properties = {
    serverUrl: { attribute: 'server-url' },
    source: { attribute: false },
    selectedKey: { state: true },
  };

  static override styles = css`
    :host {
      display: grid;
      gap: 16px;
    }
    .chat {
      border: 1px solid color-mix(in srgb, currentColor 20%, transparent);
      border-radius: 10px;
    }
    .chat-header {
      display: flex;
      gap: 10px;
      align-items: center;
      padding: 10px 14px;
      border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent);
    }
    .chat-header h2 {
      margin: 0;
      font-size: 15px;
    }
    .chat-body {
      margin: 0;
      padding: 14px;
    }
    session-heartbeat-list {
      --shb-list-height: 320px;
    }
  `;

  /** The heartbeat server (`server-url` of both elements). */
  declare serverUrl: string | undefined;
  /** Or a source (e.g. `createGatewaySource`) both elements share. */
  declare source: ElementClientInput | undefined;
  declare selectedKey: string | undefined;

  constructor() {
    super();
    this.serverUrl = undefined;
    this.source = undefined;
    this.selectedKey = undefined;
  }

  #onSelect = (event: CustomEvent<SessionEventDetail>): void => {
    this.selectedKey = event.detail.sessionKey;
  };

  override render() {
    return html`
      <section class="chat" aria-labelledby="chat-title">
        <header class="chat-header">
          ${
            this.selectedKey === undefined
              ? nothing
              : html`<session-heartbeat-dot
                  size="lg"
                  server-url=${ifDefined(this.serverUrl)}
                  .client=${this.source}
                  session-key=${this.selectedKey}
                ></session-heartbeat-dot>`
          }
          <h2 id="chat-title">${this.selectedKey ?? 'Choose a session below'}</h2>
        </header>
        <p class="chat-body">
          ${
            this.selectedKey === undefined
              ? 'The chat of the session you choose shows here.'
              : 'Messages of this session would show here.'
          }
        </p>
      </section>
      <session-heartbeat-list
        server-url=${ifDefined(this.serverUrl)}
        .client=${this.source}
        @session-select=${this.#onSelect}
      ></session-heartbeat-list>
    `;
  }
}

customElements.define('heartbeat-chat-app', HeartbeatChatApp);

declare global {
  interface HTMLElementTagNameMap {
    'heartbeat-chat-app': HeartbeatChatApp;
  }
}
