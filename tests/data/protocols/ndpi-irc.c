USER xxxxx +iw xxxxx :Xxxxxx Xxxx
NICK molochtest
USERHOST molochtest
MODE molochtest +iw
JOIN #moloch-fpc -
