-- Attack: loop forever with goto.
::top::
goto top
