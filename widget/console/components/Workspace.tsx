/** The signed-in console: header, inbox, the selected conversation and the live scores. */
import { useEffect, useState } from 'preact/hooks';
import type { SignedInAgent } from '../../../shared/protocol';
import { awaitsReply } from '../inbox';
import type { LiveClient } from '../live';
import { useLiveConsole } from '../useLiveConsole';
import { useNow } from '../useNow';
import { ConversationList } from './ConversationList';
import { ConversationPane } from './ConversationPane';
import { Header } from './Header';
import { InboxIcon } from './icons';
import { LiveScores } from './LiveScores';
import { ScoreBreakdown } from './ScoreBreakdown';

interface Props {
  agent: SignedInAgent;
  connect: () => LiveClient;
  onSignOut: () => void;
  onUnauthorized: () => void;
}

export function Workspace({ agent: signedIn, connect, onSignOut, onUnauthorized }: Props) {
  const live = useLiveConsole(connect, signedIn, onUnauthorized);
  const { agent, conversations, typing } = live;
  const now = useNow(30_000);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = conversations?.find((c) => c.id === selectedId) ?? null;
  const [breakdownOf, setBreakdownOf] = useState<string | null>(null);
  // Agents open their own breakdown; supervisors and admins anyone's (the server checks too).
  const mayOpenBreakdown = (agentId: string) => agent.role !== 'agent' || agentId === agent.id;
  const breakdownRow = live.scores?.agents.find((row) => row.agentId === breakdownOf) ?? null;

  // Start on the most pressing conversation.
  useEffect(() => {
    if (selectedId === null && conversations && conversations.length > 0) {
      setSelectedId(conversations[0]?.id ?? null);
    }
  }, [conversations, selectedId]);

  const waiting = conversations?.filter(awaitsReply).length ?? 0;
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) Peakend console` : 'Peakend console';
  }, [waiting]);

  return (
    <div class="app">
      <Header agent={agent} connection={live.connection} onSignOut={onSignOut} />
      {live.connection === 'reconnecting' && (
        <div class="banner" role="status">
          Connection lost. Reconnecting… Conversations and scores refresh as soon as it is back.
        </div>
      )}
      {live.loadError && (
        <div class="banner banner--error" role="alert">
          {live.loadError}
        </div>
      )}
      <div class="workspace">
        <ConversationList
          conversations={conversations}
          selectedId={selectedId}
          onSelect={setSelectedId}
          typing={typing}
          now={now}
          selfId={agent.id}
        />
        <main class="main">
          {selected ? (
            <ConversationPane
              key={selected.id}
              conversation={selected}
              agent={agent}
              visitorTyping={typing.has(selected.id)}
              now={now}
              act={live.act}
              sendTyping={live.sendTyping}
            />
          ) : (
            <div class="main-empty">
              <InboxIcon size={36} />
              <p>
                {conversations && conversations.length > 0
                  ? 'Choose a conversation on the left.'
                  : 'When a visitor starts a chat, it shows up here.'}
              </p>
            </div>
          )}
        </main>
        <aside class="side">
          <LiveScores
            scores={live.scores}
            selfId={agent.id}
            now={now}
            stale={live.connection !== 'connected'}
            onOpenBreakdown={setBreakdownOf}
            canOpenBreakdown={mayOpenBreakdown}
          />
        </aside>
      </div>
      {breakdownOf !== null && (
        <ScoreBreakdown
          agentId={breakdownOf}
          name={breakdownRow?.name ?? breakdownOf}
          scores={breakdownRow}
          self={breakdownOf === agent.id}
          load={live.breakdown}
          version={live.scores?.at}
          now={now}
          onClose={() => setBreakdownOf(null)}
        />
      )}
    </div>
  );
}
