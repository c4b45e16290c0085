:leguin.freenode.net NOTICE * :*** Looking up your hostname...
:leguin.freenode.net NOTICE * :*** Checking Ident
:leguin.freenode.net NOTICE * :*** Found your hostname
:leguin.freenode.net NOTICE * :*** No Ident response
:leguin.freenode.net 001 brotest :Welcome to the freenode Internet Relay Chat Network brotest
:leguin.freenode.net 002 brotest :Your host is leguin.freenode.net[130.239.18.119/6667], running version ircd-seven-1.1.3
:leguin.freenode.net 003 brotest :This server was created Sun Mar 15 2015 at 18:31:34 UTC
:leguin.freenode.net 004 brotest leguin.freenode.net ircd-seven-1.1.3 DOQRSZaghilopswz CFILMPQSbcefgijklmnopqrstvz bkloveqjfI
:leguin.freenode.net 005 brotest CHANTYPES=# EXCEPTS INVEX CHANMODES=eIbq,k,flj,CFLMPQScgimnprstz CHANLIMIT=#:120 PREFIX=(ov)@+ MAXLIST=bqeI:100 MODES=4 NETWORK=freenode KNOCK STATUSMSG=@+ CALLERID=g :are supported by this server
:leguin.freenode.net 005 brotest CASEMAPPING=rfc1459 CHARSET=ascii NICKLEN=16 CHANNELLEN=50 TOPICLEN=390 ETRACE CPRIVMSG CNOTICE DEAF=D MONITOR=100 FNC TARGMAX=NAMES:1,LIST:1,KICK:1,WHOIS:1,PRIVMSG:4,NOTICE:4,ACCEPT:,MONITOR: :are supported by this server
:leguin.freenode.net 005 brotest EXTBAN=$,ajrxz WHOX CLIENTVER=3.0 SAFELIST ELIST=CTU :are supported by this server
:leguin.freenode.net 251 brotest :There are 148 users and 91306 invisible on 27 servers
:leguin.freenode.net 252 brotest 27 :IRC Operators online
:leguin.freenode.net 253 brotest 14 :unknown connection(s)
:leguin.freenode.net 254 brotest 56817 :channels formed
:leguin.freenode.net 255 brotest :I have 5758 clients and 1 servers
:leguin.freenode.net 265 brotest 5758 5799 :Current local users 5758, max 5799
:leguin.freenode.net 266 brotest 91454 97497 :Current global users 91454, max 97497
:leguin.freenode.net 250 brotest :Highest connection count: 5800 (5799 clients) (106267 connections received)
:leguin.freenode.net 375 brotest :- leguin.freenode.net Message of the Day - 
:leguin.freenode.net 372 brotest :- Welcome to leguin.freenode.net in Umeå, Sweden, EU! Thanks to
:leguin.freenode.net 372 brotest :- the Academic Computer Club at Umeå University for sponsoring
:leguin.freenode.net 372 brotest :- this server!
:leguin.freenode.net 372 brotest :-  
:leguin.freenode.net 372 brotest :- LE GUIN, URSULA K. (1929-) Born in Berkeley, California,
:leguin.freenode.net 372 brotest :- Ursula Le Guin is an american author primarily known for
:leguin.freenode.net 372 brotest :- her Science Fiction and Fantasy. She has been awarded the
:leguin.freenode.net 372 brotest :- Hugo and Nebula awards, and is best known for her Earthsea
:leguin.freenode.net 372 brotest :- and Hainish series.
:leguin.freenode.net 372 brotest :-  
:leguin.freenode.net 372 brotest :- Welcome to freenode - supporting the free and open source
:leguin.freenode.net 372 brotest :- software communities since 1998.
:leguin.freenode.net 372 brotest :-  
:leguin.freenode.net 372 brotest :- By connecting to freenode you indicate that you have read and
:leguin.freenode.net 372 brotest :- accept our policies as set out on http://www.freenode.net
:leguin.freenode.net 372 brotest :- freenode runs an open proxy scanner. Please join #freenode for
:leguin.freenode.net 372 brotest :- any network-related questions or queries, where a number of
:leguin.freenode.net 372 brotest :- volunteer staff and helpful users will be happy to assist you.
:leguin.freenode.net 372 brotest :-  
:leguin.freenode.net 372 brotest :- You can meet us at FOSSCON (http://www.fosscon.org) where we get
:leguin.freenode.net 372 brotest :- together with like-minded FOSS enthusiasts for talks and
:leguin.freenode.net 372 brotest :- real-life collaboration.
:leguin.freenode.net 372 brotest :-  
:leguin.freenode.net 372 brotest :- We would like to thank Private Internet Access
:leguin.freenode.net 372 brotest :- (https://www.privateinternetaccess.com/) and the other
:leguin.freenode.net 372 brotest :- organisations that help keep freenode and our other projects
:leguin.freenode.net 372 brotest :- running for their sustained support.
:leguin.freenode.net 372 brotest :-  
:leguin.freenode.net 372 brotest :- In particular we would like to thank the sponsor
:leguin.freenode.net 372 brotest :- of this server, details of which can be found above.
:leguin.freenode.net 372 brotest :-  
:leguin.freenode.net 376 brotest :End of /MOTD command.
:brotest MODE brotest :+i
:brotest!~brotest@new-wifi-nat.ICSI.Berkeley.EDU JOIN #brotest
:leguin.freenode.net MODE #brotest +ns
:leguin.freenode.net 353 brotest @ #brotest :@brotest
:leguin.freenode.net 366 brotest #brotest :End of /NAMES list.
:brotest!~brotest@new-wifi-nat.ICSI.Berkeley.EDU QUIT :Client Quit
ERROR :Closing Link: new-wifi-nat.ICSI.Berkeley.EDU (Client Quit)
