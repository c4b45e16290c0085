user cicciopernacchio@mail.com
pass pippozzo
list
uidl
retr 2
quit
