// Covenant's chat as a Parley channel, on the WebSocket that app.js opens and greets: join sends
// parley.connect (room params {roomId}, request {username}) and keeps the token of the answer;
// each message is a parley.send naming it; parley.message brings what anyone in the room said.
// After app.js reconnects, the room is joined again (the server runs onConnect again).

const chat = { room: null, name: null, pending: null, token: null, ids: 0 };
const chatSection = document.getElementById('chat');
const chatJoin = document.getElementById('chat-join');
const chatName = document.getElementById('chat-name');
const chatRoom = document.getElementById('chat-room');
const chatStatus = document.getElementById('chat-status');
const chatMessages = document.getElementById('chat-messages');
const chatSay = document.getElementById('chat-say');
const chatText = document.getElementById('chat-text');
const chatSend = document.getElementById('chat-send');

function chatReady(ready) {
  chatText.disabled = !ready;
  chatSend.disabled = !ready;
}

function chatConnect(ws) {
  if (!chat.room || !ws || ws.readyState !== WebSocket.OPEN) return;
  chat.token = null;
  chat.pending = 'c' + (++chat.ids);
  chatReady(false);
  ws.send(JSON.stringify({
    id: chat.pending, method: 'parley.connect',
    params: { channel: 'room', params: { roomId: chat.room }, request: { username: chat.name } },
  }));
}

function chatShow(said) {
  const li = document.createElement('li');
  const who = document.createElement('strong');
  who.textContent = said.username;
  li.append(who, ': ' + said.text);
  chatMessages.append(li);
}

window.onParleyOpen = chatConnect;

window.onParleyMessage = (m) => {
  if (m.method === 'parley.connected' && m.id === chat.pending) {
    chat.token = m.params.token;
    chat.pending = null;
    chatStatus.textContent = 'In room ' + chat.room + ' as ' + chat.name + '.';
    chatReady(true);
  } else if (m.method === 'parley.message' && m.params.token === chat.token) {
    chatShow(m.params.message);
  } else if (m.error && m.id === chat.pending) {
    chat.pending = null;
    chat.room = null;
    chatStatus.textContent = 'Could not join: ' + m.error.message;
  } else if (m.error && typeof m.id === 'string' && m.id.startsWith('s:')) {
    chatStatus.textContent = 'Not sent: ' + m.error.message;
  }
};

chatJoin.addEventListener('submit', (event) => {
  event.preventDefault();
  if (chat.token && socket) {
    socket.send(JSON.stringify({ method: 'parley.leave', params: { token: chat.token } }));
  }
  chat.name = chatName.value;
  chat.room = chatRoom.value;
  chatMessages.replaceChildren();
  chatConnect(socket);
});

chatSay.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!chat.token || !socket || !chatText.value) return;
  socket.send(JSON.stringify({
    id: 's:' + chat.token, method: 'parley.send',
    params: { token: chat.token, message: { text: chatText.value } },
  }));
  chatText.value = '';
  chatText.focus();
});

// a static copy (dump mode) has no server to chat through
if (window.parleyDump) chatSection.hidden = true;
