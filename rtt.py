import socket,struct,time,statistics,random,sys
def q(name):
  p=struct.pack(">HHHHHH",random.randrange(65536),0x0100,1,0,0,0)
  for l in name.split('.'): p+=bytes([len(l)])+l.encode()
  return p+b"\0\0\1\0\1"
socks={int(p):socket.socket(socket.AF_INET,socket.SOCK_DGRAM) for p in sys.argv[1:]}
for p,s in socks.items(): s.connect(("127.0.0.1",p))
ts={p:[] for p in socks}
pk=q("web.cluster.internal")
for i in range(3000):
  for p,s in socks.items():
    t=time.perf_counter(); s.send(pk); s.recv(512); ts[p].append((time.perf_counter()-t)*1e6)
for p in ts: v=sorted(ts[p]); print(p,"median %.0f us p90 %.0f us"%(v[len(v)//2],v[len(v)*9//10]))
