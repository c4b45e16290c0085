:card.freenode.net NOTICE * :*** Looking up your hostname...
:card.freenode.net NOTICE * :*** Checking Ident
:card.freenode.net NOTICE * :*** Found your hostname
:card.freenode.net NOTICE * :*** No Ident response
:card.freenode.net 001 molochtest :Welcome to the freenode Internet Relay Chat Network molochtest
:card.freenode.net 002 molochtest :Your host is card.freenode.net[38.229.70.20/8000], running version ircd-seven-1.1.3
:card.freenode.net 003 molochtest :This server was created Sun Dec 11 2011 at 22:16:10 UTC
:card.freenode.net 004 molochtest card.freenode.net ircd-seven-1.1.3 DOQRSZaghilopswz CFILMPQSbcefgijklmnopqrstvz bkloveqjfI
:card.freenode.net 005 molochtest CHANTYPES=# EXCEPTS INVEX CHANMODES=eIbq,k,flj,CFLMPQScgimnprstz CHANLIMIT=#:120 PREFIX=(ov)@+ MAXLIST=bqeI:100 MODES=4 NETWORK=freenode KNOCK STATUSMSG=@+ CALLERID=g :are supported by this server
:card.freenode.net 005 molochtest CASEMAPPING=rfc1459 CHARSET=ascii NICKLEN=16 CHANNELLEN=50 TOPICLEN=390 ETRACE CPRIVMSG CNOTICE DEAF=D MONITOR=100 FNC TARGMAX=NAMES:1,LIST:1,KICK:1,WHOIS:1,PRIVMSG:4,NOTICE:4,ACCEPT:,MONITOR: :are supported by this server
:card.freenode.net 005 molochtest EXTBAN=$,arxz WHOX CLIENTVER=3.0 SAFELIST ELIST=CTU :are supported by this server
:card.freenode.net 251 molochtest :There are 221 users and 90165 invisible on 28 servers
:card.freenode.net 252 molochtest 31 :IRC Operators online
:card.freenode.net 253 molochtest 1 :unknown connection(s)
:card.freenode.net 254 molochtest 54740 :channels formed
:card.freenode.net 255 molochtest :I have 2324 clients and 8 servers
:card.freenode.net 265 molochtest 2324 9927 :Current local users 2324, max 9927
:card.freenode.net 266 molochtest 90386 98892 :Current global users 90386, max 98892
:card.freenode.net 250 molochtest :Highest connection count: 9931 (9927 clients) (5765394 connections received)
:card.freenode.net 375 molochtest :- card.freenode.net Message of the Day - 
:card.freenode.net 372 molochtest :-  
:card.freenode.net 372 molochtest :- Welcome to card.freenode.net in Washington, DC, US, kindly sponsored by
:card.freenode.net 372 molochtest :- Team Cymru (http://www.team-cymru.org).
:card.freenode.net 372 molochtest :-  
:card.freenode.net 372 molochtest :- CARD, ORSON SCOTT [1951-].  Born in Richland, Washington, Card grew up in
:card.freenode.net 372 molochtest :- California, Arizona, and Utah.  He lived in Brazil for two years as an
:card.freenode.net 372 molochtest :- unpaid missionary for the Mormon Church.  Author of the Ender and Alvin
:card.freenode.net 372 molochtest :- Maker books, Card's science fiction and fantasy work is strongly influenced
:card.freenode.net 372 molochtest :- by his Mormon cultural background.  The first author to win the Hugo and
:card.freenode.net 372 molochtest :- Nebula novel awards two years in a row, Card currently lives in Greensboro,
:card.freenode.net 372 molochtest :- North Carolina, US.
:card.freenode.net 372 molochtest :-  
:card.freenode.net 372 molochtest :-  
:card.freenode.net 372 molochtest :- Welcome to freenode - supporting the free and open source
:card.freenode.net 372 molochtest :- software communities since 1998.
:card.freenode.net 372 molochtest :-  
:card.freenode.net 372 molochtest :- By connecting to freenode you indicate that you have read and
:card.freenode.net 372 molochtest :- agree to adhere to our policies and procedures as per the
:card.freenode.net 372 molochtest :- website (http://freenode.net/).
:card.freenode.net 372 molochtest :-  
:card.freenode.net 372 molochtest :- We would like to remind you that unauthorised public logging
:card.freenode.net 372 molochtest :- of channels on the network is prohibited. Public channel
:card.freenode.net 372 molochtest :- logging should only take place where the channel owner(s) has
:card.freenode.net 372 molochtest :- requested this and users of the channel are all made aware
:card.freenode.net 372 molochtest :- (if you are publically logging your channel, you may wish to 
:card.freenode.net 372 molochtest :- keep a notice in the topic and perhaps as an on-join message).
:card.freenode.net 372 molochtest :-  
:card.freenode.net 372 molochtest :- freenode runs an open proxy scanner. For details on freenode 
:card.freenode.net 372 molochtest :- network policy, please take a look at our policy page 
:card.freenode.net 372 molochtest :- (http://freenode.net/policy.shtml).  Your use of the network
:card.freenode.net 372 molochtest :- indicates your acceptance of this policy.
:card.freenode.net 372 molochtest :-  
:card.freenode.net 372 molochtest :- Please join #freenode for any network-related questions or
:card.freenode.net 372 molochtest :- queries, there are numerous freenode volunteers and helpful
:card.freenode.net 372 molochtest :- users who would be happy to try answer any questions you might
:card.freenode.net 372 molochtest :- have.
:card.freenode.net 372 molochtest :-  
:card.freenode.net 372 molochtest :- Check out www.fossevents.org to find out what is happening in
:card.freenode.net 372 molochtest :- your area, join us at FOSSCON (www.fosscon.org) for talks and
:card.freenode.net 372 molochtest :- real-life collaboration or bring a picnic and come join
:card.freenode.net 372 molochtest :- like-minded geeks for a geeknic (www.geeknic.org) somewhere
:card.freenode.net 372 molochtest :- close to you. 
:card.freenode.net 372 molochtest :- Lastly, massive thanks to the OSU Open Source Lab
:card.freenode.net 372 molochtest :- (http://osuosl.org/) and Private Internet Access
:card.freenode.net 372 molochtest :- (https://www.privateinternetaccess.com/) for their sustained,
:card.freenode.net 372 molochtest :- long term support and dedication they show to the FOSS
:card.freenode.net 372 molochtest :- communities.
:card.freenode.net 372 molochtest :-  
:card.freenode.net 372 molochtest :- ***************************************************************
:card.freenode.net 372 molochtest :- Please read http://blog.freenode.net/2010/11/be-safe-out-there/
:card.freenode.net 372 molochtest :- ***************************************************************
:card.freenode.net 376 molochtest :End of /MOTD command.
:molochtest MODE molochtest :+i
:card.freenode.net 302 molochtest :molochtest=+~xxxxx@10.000.000.01 
:molochtest MODE molochtest :+w
:molochtest!~xxxxx@xxxxxxxxxxxxxxx.xxx.xxx.com JOIN #moloch-fpc
:card.freenode.net 332 molochtest #moloch-fpc :Try Moloch! https://moloch.wow.com/?date=-1  user: moloch  pass: moloch
:card.freenode.net 333 molochtest #moloch-fpc gl0balthreats!~gl0balthr@pool-71-163-147-221.washdc.fios.verizon.net 1366472593
:card.freenode.net 353 molochtest = #moloch-fpc :molochtest xxxxx xxxxxxx xxxxxxxxxxxxxx xxxxxxx xxxxxxxxx xxxx xxxxxxxx xxxxxxxxx xxxxxxxxxx
:card.freenode.net 366 molochtest #moloch-fpc :End of /NAMES list.
