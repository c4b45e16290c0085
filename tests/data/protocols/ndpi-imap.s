* OK IMAP4Rev1 Server Version 4.9.04.012
* CAPABILITY IMAP4rev1 IDLE AUTH=LOGIN AUTH=PLAIN AUTH=CRAM-MD5
C00000 OK CAPABILITY completed
C00001 OK LOGIN completed
* LIST () "/" INBOX
* LIST () "/" "Sent Messages"
C00002 OK LIST Completed
* LSUB () "/" INBOX
* LSUB () "/" "Sent Messages"
C00003 OK LSUB Completed
* 1 EXISTS
* 1 RECENT
* OK [UIDVALIDITY 1] UIDs Valid
* OK [UNSEEN 1] Message 1 Is The First Unseen Message
* FLAGS (\Seen \Flagged \Deleted \Answered \Draft)
* OK [PERMANENTFLAGS (\Seen \Flagged \Deleted \Answered \Draft)]
C00004 OK [READ-WRITE] SELECT Completed
* 1 FETCH (UID 10 INTERNALDATE "10-Jun-2008 12:54:08 +0200" RFC822.SIZE 698 FLAGS (\Recent) BODY[HEADER] {666}
Received: from serveur1 ([127.0.0.1])
	by serveur1 with Macallan Mail Solution
	for <serveur1.ent2.com>; Tue, 10 Jun 2008 12:54:08 +0200
Message-ID: <20080610125408000000010@serveur1.ent2.com>
From: employe@ent2.com
Reply-To: employe@ent2.com
To: samir@ent2.com
Cc: administrator@ent2.com
Subject: coucou
Date: Tue, 10 Jun 2008 12:54:08 +0200
MIME-Version: 1.0
Content-type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: 8bit
X-Priority: 3
X-MSMail-Priority: Normal
X-Mailer: Macallan Mail Solution
X-MMS-Mailer-Program: Macallan-Mail-Solution
X-MMS-Mailer-Version: 4.9.04.012
X-MMS-Automatic: yes
X-MMS-Template: mailsend.template

)
C00005 OK FETCH Completed
