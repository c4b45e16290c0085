USER brotest * * :brotest
NICK brotest
JOIN #brotest
PRIVMSG #brotest test
QUIT quitting
